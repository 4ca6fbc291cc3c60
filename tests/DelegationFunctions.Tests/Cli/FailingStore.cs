using Azure;
using Delegation.Table;

namespace Delegation.Tests.Cli;

/// <summary>The real store, until storage "goes away" after a number of successful writes (an interrupted import).</summary>
internal sealed class FailingStore(IDelegationStore inner, int writesBeforeFailure) : IDelegationStore
{
    private int _writes;

    public Task<DelegationRow?> GetAsync(string domain, CancellationToken cancellationToken = default) => inner.GetAsync(domain, cancellationToken);

    public IAsyncEnumerable<DelegationRow> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

    public Task<bool> TryAddAsync(DelegationRow row, CancellationToken cancellationToken = default) =>
        Interlocked.Increment(ref _writes) > writesBeforeFailure
            ? throw new RequestFailedException(0, "Connection refused (127.0.0.1:1)")
            : inner.TryAddAsync(row, cancellationToken);

    public Task<bool> TryReplaceAsync(DelegationRow row, ETag ifMatch, CancellationToken cancellationToken = default) => inner.TryReplaceAsync(row, ifMatch, cancellationToken);

    public Task<bool> TryDeleteAsync(string domain, ETag ifMatch, CancellationToken cancellationToken = default) => inner.TryDeleteAsync(domain, ifMatch, cancellationToken);

    public Task EnsureTableAsync(CancellationToken cancellationToken = default) => inner.EnsureTableAsync(cancellationToken);
}
