using System.Collections.Concurrent;
using Delegation.Table;

namespace Delegation.Tests.Support;

/// <summary>Counts the point reads that reach the store it wraps: in all, in order, per key, and in flight at once.</summary>
internal sealed class CountingDelegationStore(IDelegationStore inner) : DelegatingStore(inner)
{
    private readonly ConcurrentQueue<string> _readOrder = new();
    private int _inFlight;
    private int _maxInFlight;

    public int Reads => _readOrder.Count;

    public IReadOnlyCollection<string> ReadOrder => _readOrder;

    public ConcurrentDictionary<string, int> ReadsByKey { get; } = new(StringComparer.Ordinal);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public override async Task<DelegationRow?> GetAsync(string domain, CancellationToken cancellationToken = default)
    {
        _readOrder.Enqueue(domain);
        ReadsByKey.AddOrUpdate(domain, 1, (_, count) => count + 1);
        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); inFlight > max; max = Volatile.Read(ref _maxInFlight))
        {
            Interlocked.CompareExchange(ref _maxInFlight, inFlight, max);
        }

        try
        {
            return await Inner.GetAsync(domain, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
