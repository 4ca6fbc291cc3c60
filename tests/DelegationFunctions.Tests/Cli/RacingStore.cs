using Azure;
using Delegation.Table;

namespace Delegation.Tests.Cli;

/// <summary>
/// The real store, except that someone else's edit lands just before the command's first write: the read has
/// happened, the write has not. Hand-written instead of a mock, as the house style asks.
/// </summary>
internal sealed class RacingStore(IDelegationStore inner, Func<IDelegationStore, Task> race) : IDelegationStore
{
    private int _raced;

    public Task<DelegationRow?> GetAsync(string domain, CancellationToken cancellationToken = default) => inner.GetAsync(domain, cancellationToken);

    public IAsyncEnumerable<DelegationRow> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

    public async Task<bool> TryAddAsync(DelegationRow row, CancellationToken cancellationToken = default)
    {
        await RaceOnceAsync();
        return await inner.TryAddAsync(row, cancellationToken);
    }

    public async Task<bool> TryReplaceAsync(DelegationRow row, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        await RaceOnceAsync();
        return await inner.TryReplaceAsync(row, ifMatch, cancellationToken);
    }

    public async Task<bool> TryDeleteAsync(string domain, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        await RaceOnceAsync();
        return await inner.TryDeleteAsync(domain, ifMatch, cancellationToken);
    }

    public Task EnsureTableAsync(CancellationToken cancellationToken = default) => inner.EnsureTableAsync(cancellationToken);

    private Task RaceOnceAsync() => Interlocked.Exchange(ref _raced, 1) == 0 ? race(inner) : Task.CompletedTask;
}
