using Azure;
using Delegation.Table;

namespace Delegation.Tests.Cli;

/// <summary>
/// The real store, except that someone else's edit lands just before the command's first write: the read has
/// happened, the write has not. Hand-written instead of a mock, as the house style asks.
/// </summary>
internal sealed class RacingStore(IDelegationStore inner, Func<IDelegationStore, Task> race) : DelegatingStore(inner)
{
    private int _raced;

    public override async Task<bool> TryAddAsync(DelegationRow row, CancellationToken cancellationToken = default)
    {
        await RaceOnceAsync();
        return await Inner.TryAddAsync(row, cancellationToken);
    }

    public override async Task<bool> TryReplaceAsync(DelegationRow row, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        await RaceOnceAsync();
        return await Inner.TryReplaceAsync(row, ifMatch, cancellationToken);
    }

    public override async Task<bool> TryDeleteAsync(string domain, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        await RaceOnceAsync();
        return await Inner.TryDeleteAsync(domain, ifMatch, cancellationToken);
    }

    private Task RaceOnceAsync() => Interlocked.Exchange(ref _raced, 1) == 0 ? race(Inner) : Task.CompletedTask;
}
