using System.Collections.Concurrent;
using Delegation.Documents;
using Delegation.Serving;

namespace Delegation.Benchmarks.Eviction;

/// <summary>
/// The cache bookkeeping as <c>DelegationResolver</c> held it before <see cref="DomainCache"/> (commit 6abb6aa), kept
/// only as the baseline of <see cref="CacheEvictionBenchmarks"/>: over the bound, the writing request trims the cache
/// to 90% with up to four scans of every entry under a lock.
/// </summary>
internal sealed class ScanTrimCache(int maxCachedDomains, TimeProvider time, long freshTicks, long staleTicks)
{
    private readonly ConcurrentDictionary<string, CacheEntry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _trimLock = new();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public CacheEntry Set(string domain, DelegationDocuments? documents)
    {
        var now = time.GetTimestamp();
        var entry = new CacheEntry(documents, now + freshTicks, now + freshTicks + staleTicks);
        while (true)
        {
            if (_entries.TryAdd(domain, entry))
            {
                if (Interlocked.Increment(ref _count) > maxCachedDomains)
                {
                    Trim(now);
                }

                return entry;
            }

            if (_entries.TryGetValue(domain, out var previous) && _entries.TryUpdate(domain, entry, previous))
            {
                return entry;
            }
        }
    }

    private void Trim(long now)
    {
        _trimLock.Enter();
        try
        {
            if (Volatile.Read(ref _count) <= maxCachedDomains)
            {
                return;
            }

            var target = maxCachedDomains * 9 / 10;
            RemoveWhere(e => now >= e.StaleUntil, target);
            RemoveWhere(e => e.IsNegative, target);
            RemoveWhere(e => now >= e.FreshUntil, target);
            RemoveWhere(_ => true, target);
        }
        finally
        {
            _trimLock.Exit();
        }
    }

    private void RemoveWhere(Func<CacheEntry, bool> predicate, int target)
    {
        foreach (var (key, entry) in _entries)
        {
            if (Volatile.Read(ref _count) <= target)
            {
                return;
            }

            if (predicate(entry) && _entries.TryRemove(new KeyValuePair<string, CacheEntry>(key, entry)))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }
}
