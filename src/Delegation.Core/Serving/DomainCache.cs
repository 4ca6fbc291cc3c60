using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Delegation.Documents;

namespace Delegation.Serving;

/// <summary>
/// What this process knows about each domain, answers and known absences together, bounded by
/// <see cref="ServingOptions.MaxCachedDomains"/>. A lookup by span allocates nothing. Once the cache is full, each new
/// domain evicts one entry: the hand of a clock ring looks at the next <see cref="EvictionWindow"/> entries and drops
/// the one least worth keeping (past stale, then a known absence, then an answer past fresh, then the oldest); the
/// others go round again. No write scans the whole cache.
/// </summary>
internal sealed class DomainCache
{
    /// <summary>Entries one eviction looks at: enough to find an absence among answers, few enough to cost microseconds.</summary>
    public const int EvictionWindow = 16;

    private readonly ConcurrentDictionary<string, CacheEntry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CacheEntry>.AlternateLookup<ReadOnlySpan<char>> _entriesBySpan;

    // Every cached key once, in the order the hand reaches it; a key the hand passes over goes to the back.
    private readonly ConcurrentQueue<string> _ring = new();
    private readonly Lock _evictionLock = new();
    private readonly TimeProvider _time;
    private readonly int _bound;
    private readonly long _freshTicks;
    private readonly long _negativeTicks;
    private readonly long _staleTicks;
    private readonly long _staleRetryTicks;
    private int _count;

    public DomainCache(ServingOptions options, TimeProvider time)
    {
        _time = time;
        _bound = options.MaxCachedDomains;
        _entriesBySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
        _freshTicks = Ticks(options.CacheSeconds);
        _negativeTicks = Ticks(options.NegativeCacheSeconds);
        _staleTicks = Ticks(options.StaleIfErrorSeconds);
        _staleRetryTicks = Ticks(Math.Min(options.NegativeCacheSeconds, 10));
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>The entry of a domain while it is fresh.</summary>
    public bool TryGetFresh(ReadOnlySpan<char> domain, [NotNullWhen(true)] out CacheEntry? entry)
    {
        if (_entriesBySpan.TryGetValue(domain, out entry) && _time.GetTimestamp() < entry.FreshUntil)
        {
            return true;
        }

        entry = null;
        return false;
    }

    /// <summary>Caches a domain's documents, or null for no row, fresh for the answer's or the absence's lifetime.</summary>
    public CacheEntry Set(string domain, DelegationDocuments? documents)
    {
        var now = _time.GetTimestamp();
        var lifetime = documents is null ? _negativeTicks : _freshTicks;
        var entry = new CacheEntry(documents, now + lifetime, now + lifetime + _staleTicks);
        while (true)
        {
            if (_entries.TryAdd(domain, entry))
            {
                _ring.Enqueue(domain);
                if (Interlocked.Increment(ref _count) > _bound)
                {
                    EvictOverBound(now);
                }

                return entry;
            }

            // Replace only what is there, so an entry evicted meanwhile is re-added and counted, never added uncounted.
            if (_entries.TryGetValue(domain, out var previous) && _entries.TryUpdate(domain, entry, previous))
            {
                return entry;
            }
        }
    }

    /// <summary>
    /// The entry of a domain the table cannot answer for, while it is within stale-if-error; it is then trusted for a
    /// few seconds, so that requests get it without each retrying the table.
    /// </summary>
    public bool TryUseStale(string domain, [NotNullWhen(true)] out CacheEntry? entry)
    {
        var now = _time.GetTimestamp();
        if (!_entries.TryGetValue(domain, out var stale) || now >= stale.StaleUntil)
        {
            entry = null;
            return false;
        }

        entry = new CacheEntry(stale.Documents, now + _staleRetryTicks, stale.StaleUntil);
        _entries.TryUpdate(domain, entry, stale);
        return true;
    }

    // In the time provider's own units: a FakeTimeProvider counts 10^7 per second where Stopwatch on Linux counts 10^9.
    private long Ticks(double seconds) => (long)(seconds * _time.TimestampFrequency);

    private void EvictOverBound(long now)
    {
        // Waiting for an eviction in progress (rather than skipping it) keeps the count within the bound once Set returns.
        lock (_evictionLock)
        {
            while (Volatile.Read(ref _count) > _bound && EvictOne(now))
            {
            }
        }
    }

    private bool EvictOne(long now)
    {
        string? victim = null;
        CacheEntry? victimEntry = null;
        var victimRank = int.MaxValue;
        for (var looked = 0; looked < EvictionWindow && _ring.TryDequeue(out var key); looked++)
        {
            // Only eviction takes keys off the ring and out of the dictionary, so every key on the ring is cached.
            if (!_entries.TryGetValue(key, out var entry))
            {
                continue;
            }

            var rank = Rank(entry, now);
            if (rank < victimRank)
            {
                if (victim is not null)
                {
                    _ring.Enqueue(victim);
                }

                (victim, victimEntry, victimRank) = (key, entry, rank);
                if (rank == 0)
                {
                    break;
                }
            }
            else
            {
                _ring.Enqueue(key);
            }
        }

        if (victim is null)
        {
            return false;
        }

        if (_entries.TryRemove(new KeyValuePair<string, CacheEntry>(victim, victimEntry!)))
        {
            Interlocked.Decrement(ref _count);
        }
        else
        {
            // Refreshed meanwhile: it stays cached, so it stays on the ring; the next round picks another.
            _ring.Enqueue(victim);
        }

        return true;
    }

    /// <summary>Lower goes first: past stale (of no use), a known absence, an answer past fresh, a fresh answer.</summary>
    private static int Rank(CacheEntry entry, long now) =>
        now >= entry.StaleUntil ? 0 : entry.IsNegative ? 1 : now >= entry.FreshUntil ? 2 : 3;
}
