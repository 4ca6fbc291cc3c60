using Delegation.Table;

namespace Delegation.Cli.Common;

/// <summary>
/// The one way the tool writes rows: add a row that was not there, replace or delete one only while it is still at the
/// ETag read. A refused write is read again and returned as a conflict, never retried blindly.
/// </summary>
internal sealed class RowWriter(IDelegationStore store)
{
    /// <summary>Writes the change; null when written, otherwise the conflict and what the row is now.</summary>
    public async Task<RowConflict?> WriteAsync(RowChange change, CancellationToken cancellationToken = default)
    {
        var written = change.Existing is { ETag: { } etag }
            ? await store.TryReplaceAsync(change.Row, etag, cancellationToken)
            : await store.TryAddAsync(change.Row, cancellationToken);
        return written ? null : await ConflictAsync(change.Row.Domain, change.Existing, cancellationToken);
    }

    /// <summary>Deletes the row as read; null when deleted, otherwise the conflict and what the row is now.</summary>
    public async Task<RowConflict?> DeleteAsync(DelegationRow existing, CancellationToken cancellationToken = default) =>
        existing.ETag is { } etag && await store.TryDeleteAsync(existing.Domain, etag, cancellationToken)
            ? null
            : await ConflictAsync(existing.Domain, existing, cancellationToken);

    private async Task<RowConflict> ConflictAsync(string domain, DelegationRow? read, CancellationToken cancellationToken) =>
        new(domain, read, await store.GetAsync(domain, cancellationToken));
}
