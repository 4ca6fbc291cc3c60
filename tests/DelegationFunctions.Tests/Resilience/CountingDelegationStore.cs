using System.Collections.Concurrent;
using Azure;
using Delegation.Table;

namespace Delegation.Tests.Resilience;

/// <summary>Counts the point reads that reach the real store, per key and in flight at once.</summary>
internal sealed class CountingDelegationStore(IDelegationStore inner) : IDelegationStore
{
    private int _reads;
    private int _inFlight;
    private int _maxInFlight;

    public int Reads => Volatile.Read(ref _reads);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public ConcurrentDictionary<string, int> ReadsByKey { get; } = new(StringComparer.Ordinal);

    public async Task<DelegationRow?> GetAsync(string domain, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        ReadsByKey.AddOrUpdate(domain, 1, (_, count) => count + 1);
        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); inFlight > max; max = Volatile.Read(ref _maxInFlight))
        {
            Interlocked.CompareExchange(ref _maxInFlight, inFlight, max);
        }

        try
        {
            return await inner.GetAsync(domain, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public IAsyncEnumerable<DelegationRow> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

    public Task<bool> TryAddAsync(DelegationRow row, CancellationToken cancellationToken = default) => inner.TryAddAsync(row, cancellationToken);

    public Task<bool> TryReplaceAsync(DelegationRow row, ETag ifMatch, CancellationToken cancellationToken = default) => inner.TryReplaceAsync(row, ifMatch, cancellationToken);

    public Task<bool> TryDeleteAsync(string domain, ETag ifMatch, CancellationToken cancellationToken = default) => inner.TryDeleteAsync(domain, ifMatch, cancellationToken);

    public Task EnsureTableAsync(CancellationToken cancellationToken = default) => inner.EnsureTableAsync(cancellationToken);
}
