using System.Collections.Concurrent;
using Azure;
using Delegation.Table;

namespace Delegation.Tests.Support;

/// <summary>
/// Forwards every call to the store it wraps (an <see cref="InMemoryDelegationStore"/> or the real table) and counts
/// the point reads that reach it (in all, in order, per key, and in flight at once) and the scans.
/// </summary>
internal sealed class CountingDelegationStore(IDelegationStore inner) : IDelegationStore
{
    private readonly ConcurrentQueue<string> _readOrder = new();
    private int _inFlight;
    private int _maxInFlight;
    private int _lists;
    private readonly TaskCompletionSource _firstRead = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Reads => _readOrder.Count;

    public IReadOnlyCollection<string> ReadOrder => _readOrder;

    public ConcurrentDictionary<string, int> ReadsByKey { get; } = new(StringComparer.Ordinal);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int Lists => Volatile.Read(ref _lists);

    /// <summary>Completes when the first point read reaches the store.</summary>
    public Task FirstRead => _firstRead.Task;

    public async Task<DelegationRow?> GetAsync(string domain, CancellationToken cancellationToken = default)
    {
        _readOrder.Enqueue(domain);
        ReadsByKey.AddOrUpdate(domain, 1, (_, count) => count + 1);
        _firstRead.TrySetResult();
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

    public IAsyncEnumerable<DelegationRow> ListAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _lists);
        return inner.ListAsync(cancellationToken);
    }

    public Task<bool> TryAddAsync(DelegationRow row, CancellationToken cancellationToken = default) => inner.TryAddAsync(row, cancellationToken);

    public Task<bool> TryReplaceAsync(DelegationRow row, ETag ifMatch, CancellationToken cancellationToken = default) => inner.TryReplaceAsync(row, ifMatch, cancellationToken);

    public Task<bool> TryDeleteAsync(string domain, ETag ifMatch, CancellationToken cancellationToken = default) => inner.TryDeleteAsync(domain, ifMatch, cancellationToken);

    public Task EnsureTableAsync(CancellationToken cancellationToken = default) => inner.EnsureTableAsync(cancellationToken);
}
