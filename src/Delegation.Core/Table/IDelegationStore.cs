using Azure;

namespace Delegation.Table;

/// <summary>The delegations table: point reads, a streaming scan, and writes guarded by ETag.</summary>
public interface IDelegationStore
{
    /// <summary>The row keyed exactly by <paramref name="domain"/>, or null when there is none.</summary>
    Task<DelegationRow?> GetAsync(string domain, CancellationToken cancellationToken = default);

    /// <summary>Every row in PartitionKey order, one page at a time.</summary>
    IAsyncEnumerable<DelegationRow> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a new row; false when a row for the domain exists already.</summary>
    Task<bool> TryAddAsync(DelegationRow row, CancellationToken cancellationToken = default);

    /// <summary>Replaces the row if it is still at <paramref name="ifMatch"/>; false when it changed or vanished.</summary>
    Task<bool> TryReplaceAsync(DelegationRow row, ETag ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Deletes the row if it is still at <paramref name="ifMatch"/>; false when it changed or vanished.</summary>
    Task<bool> TryDeleteAsync(string domain, ETag ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Creates the table when it does not exist (admin tooling only; the service never creates it).</summary>
    Task EnsureTableAsync(CancellationToken cancellationToken = default);
}
