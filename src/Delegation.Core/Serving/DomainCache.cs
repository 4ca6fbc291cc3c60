using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Delegation.Documents;

namespace Delegation.Serving;

/// <summary>
/// What this process knows about each domain, answers and known absences together, bounded by
/// <see cref="ServingOptions.MaxCachedDomains"/>. A lookup by span allocates nothing and takes no lock. Once the cache is
/// full, a new domain takes the slot of one evicted entry: the hand of a clock ring looks at the next
/// <see cref="EvictionWindow"/> slots and evicts the entry least worth keeping (past stale, then a known absence, then
/// an answer past fresh, then the one the hand reached first); the others stay where they are until the hand comes
/// round again. No write scans the whole cache.
/// </summary>
internal sealed class DomainCache
{
    /// <summary>Slots one eviction looks at: enough to find an absence among answers, few enough to cost microseconds.</summary>
    public const int EvictionWindow = 16;

    private readonly ConcurrentDictionary<string, CacheEntry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CacheEntry>.AlternateLookup<ReadOnlySpan<char>> _entriesBySpan;
    private readonly Lock _ringLock = new();
    private readonly TimeProvider _time;
    private readonly int _bound;
    private readonly long _freshTicks;
    private readonly long _negativeTicks;
    private readonly long _staleTicks;
    private readonly long _staleRetryTicks;

    // The clock ring under _ringLock: every cached key in exactly one slot, grown up to the bound as domains arrive.
    private string[] _slots = new string[1024];
    private int _used;
    private int _hand;

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

    /// <summary>Cached domains; never more than the bound once a <see cref="Set"/> has returned.</summary>
    public int Count => Volatile.Read(ref _used);

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
                TakeSlot(domain, now);
                return entry;
            }

            // Replace only what is there, so an entry evicted meanwhile is re-added with a slot of its own.
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

    private void TakeSlot(string domain, long now)
    {
        lock (_ringLock)
        {
            if (_used < _bound)
            {
                if (_used == _slots.Length)
                {
                    Array.Resize(ref _slots, (int)Math.Min(_slots.Length * 2L, _bound));
                }

                _slots[_used] = domain;
                Volatile.Write(ref _used, _used + 1);
                return;
            }

            var victim = FindVictim(now);

            // By key, so the slot is always freed: an entry refreshed meanwhile goes too and is read again when next asked.
            _entries.TryRemove(_slots[victim], out _);
            _slots[victim] = domain;
        }
    }

    private int FindVictim(long now)
    {
        var victim = _hand;
        var victimRank = int.MaxValue;
        for (var looked = 0; looked < EvictionWindow; looked++)
        {
            var slot = _hand;
            _hand = slot + 1 == _used ? 0 : slot + 1;
            var rank = Rank(_slots[slot], now);
            if (rank < victimRank)
            {
                (victim, victimRank) = (slot, rank);
                if (rank == 0)
                {
                    break;
                }
            }
        }

        return victim;
    }

    /// <summary>Lower goes first: past stale (of no use), a known absence, an answer past fresh, a fresh answer.</summary>
    private int Rank(string key, long now) =>
        !_entries.TryGetValue(key, out var entry) || now >= entry.StaleUntil ? 0
        : entry.IsNegative ? 1
        : now >= entry.FreshUntil ? 2
        : 3;
}
