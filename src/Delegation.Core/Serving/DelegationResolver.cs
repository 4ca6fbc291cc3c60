using System.Collections.Concurrent;
using Delegation.Documents;
using Delegation.Names;
using Delegation.Table;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Delegation.Serving;

/// <summary>
/// Finds a domain's documents: exact row, then the one-level wildcard row, through a bounded per-process cache with
/// positive and negative lifetimes and stale-if-error. At most one table read per key is in flight, and at most
/// <see cref="ServingOptions.MaxConcurrentReads"/> in all.
/// </summary>
public sealed partial class DelegationResolver : IDisposable
{
    private readonly IDelegationStore _store;
    private readonly ServingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DelegationResolver> _logger;
    private readonly DelegationMetrics _metrics;
    private readonly ConcurrentDictionary<string, CacheEntry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CacheEntry>.AlternateLookup<ReadOnlySpan<char>> _entriesBySpan;
    private readonly ConcurrentDictionary<string, Task<CacheEntry?>> _loads = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _reads;
    private readonly Lock _trimLock = new();
    private readonly long _freshTicks;
    private readonly long _negativeTicks;
    private readonly long _staleTicks;
    private readonly long _staleRetryTicks;
    private readonly TimeSpan _storageTimeout;
    private int _count;

    public DelegationResolver(IDelegationStore store, IOptions<ServingOptions> options, TimeProvider time, ILogger<DelegationResolver> logger, DelegationMetrics metrics)
    {
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _entriesBySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
        _reads = new SemaphoreSlim(_options.MaxConcurrentReads, _options.MaxConcurrentReads);
        _freshTicks = Ticks(_options.CacheSeconds);
        _negativeTicks = Ticks(_options.NegativeCacheSeconds);
        _staleTicks = Ticks(_options.StaleIfErrorSeconds);
        _staleRetryTicks = Ticks(Math.Min(_options.NegativeCacheSeconds, 10));
        _storageTimeout = TimeSpan.FromSeconds(_options.StorageTimeoutSeconds);
    }

    /// <summary>Cached domains, answers and known absences together.</summary>
    public int CachedCount => Volatile.Read(ref _count);

    /// <summary>The cached documents of a domain when they are still fresh; never reads the table, never allocates.</summary>
    public bool TryGetFresh(ReadOnlySpan<char> domain, out Resolution resolution)
    {
        if (_entriesBySpan.TryGetValue(domain, out var entry) && _time.GetTimestamp() < entry.FreshUntil)
        {
            resolution = ToResolution(entry);
            return true;
        }

        resolution = default;
        return false;
    }

    /// <summary>Resolves a normalised domain, reading the table when the cache has nothing fresh.</summary>
    public async ValueTask<Resolution> ResolveAsync(string domain, CancellationToken cancellationToken = default)
    {
        var entry = await GetEntryAsync(domain, cancellationToken);
        return entry is null ? Resolution.Unavailable : ToResolution(entry);
    }

    public void Dispose() => _reads.Dispose();

    private static Resolution ToResolution(CacheEntry entry) =>
        entry.Documents is { } documents ? new Resolution(ResolutionStatus.Found, documents) : Resolution.NotFound;

    // In the time provider's own units: a FakeTimeProvider counts 10^7 per second where Stopwatch on Linux counts 10^9.
    private long Ticks(double seconds) => (long)(seconds * _time.TimestampFrequency);

    private async Task<CacheEntry?> GetEntryAsync(string domain, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(domain, out var cached) && _time.GetTimestamp() < cached.FreshUntil)
        {
            return cached;
        }

        while (true)
        {
            if (_loads.TryGetValue(domain, out var running))
            {
                return await running.WaitAsync(cancellationToken);
            }

            var completion = new TaskCompletionSource<CacheEntry?>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_loads.TryAdd(domain, completion.Task))
            {
                continue;
            }

            try
            {
                completion.SetResult(await LoadAsync(domain));
            }
            catch (Exception ex)
            {
                // Whatever went wrong, the requests waiting on this load must get an answer, not hang.
                completion.SetResult(OnStorageFailure(domain, ex));
            }
            finally
            {
                _loads.TryRemove(new KeyValuePair<string, Task<CacheEntry?>>(domain, completion.Task));
            }

            return await completion.Task.WaitAsync(cancellationToken);
        }
    }

    private async Task<CacheEntry?> LoadAsync(string domain)
    {
        DelegationRow? row;
        using (var timeout = new CancellationTokenSource(_storageTimeout, _time))
        {
            try
            {
                await _reads.WaitAsync(timeout.Token);
                try
                {
                    row = await _store.GetAsync(domain, timeout.Token);
                }
                finally
                {
                    _reads.Release();
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || timeout.IsCancellationRequested)
            {
                _metrics.TableRead(timeout.IsCancellationRequested ? "timeout" : "error");
                return OnStorageFailure(domain, ex);
            }
        }

        _metrics.TableRead(row is null ? "not_found" : "found");
        if (row is not null)
        {
            var documents = DelegationDocuments.FromRow(row);
            if (documents.Problems.Count > 0)
            {
                Log.InvalidRow(_logger, domain, string.Join("; ", documents.Problems));
            }

            return Store(domain, documents, _freshTicks);
        }

        if (DomainName.WildcardFor(domain) is not { } wildcard)
        {
            return Store(domain, null, _negativeTicks);
        }

        var wildcardEntry = await GetEntryAsync(wildcard, CancellationToken.None);
        return wildcardEntry is null ? OnStorageFailure(domain, null) : Store(domain, wildcardEntry.Documents, wildcardEntry.IsNegative ? _negativeTicks : _freshTicks);
    }

    private CacheEntry? OnStorageFailure(string domain, Exception? exception)
    {
        if (exception is not null)
        {
            Log.StorageFailed(_logger, domain, exception);
        }

        var now = _time.GetTimestamp();
        if (!_entries.TryGetValue(domain, out var stale) || now >= stale.StaleUntil)
        {
            return null;
        }

        Log.ServingStale(_logger, domain);

        // Keep answering from the stale entry for a short while instead of retrying the table on every request.
        var retryAt = new CacheEntry(stale.Documents, now + _staleRetryTicks, stale.StaleUntil);
        _entries.TryUpdate(domain, retryAt, stale);
        return retryAt;
    }

    private CacheEntry Store(string domain, DelegationDocuments? documents, long lifetimeTicks)
    {
        var now = _time.GetTimestamp();
        var entry = new CacheEntry(documents, now + lifetimeTicks, now + lifetimeTicks + _staleTicks);
        while (true)
        {
            if (_entries.TryAdd(domain, entry))
            {
                if (Interlocked.Increment(ref _count) > _options.MaxCachedDomains)
                {
                    Trim(now);
                }

                return entry;
            }

            // Replace only what is there, so an entry trimmed meanwhile is re-added and counted, never added uncounted.
            if (_entries.TryGetValue(domain, out var previous) && _entries.TryUpdate(domain, entry, previous))
            {
                return entry;
            }
        }
    }

    /// <summary>Brings the cache down to 90% of its bound: first entries past stale, then absences, then the rest.</summary>
    private void Trim(long now)
    {
        // Waiting for a trim in progress (rather than skipping it) keeps the count within the bound once Store returns.
        _trimLock.Enter();
        try
        {
            if (Volatile.Read(ref _count) <= _options.MaxCachedDomains)
            {
                return;
            }

            var target = _options.MaxCachedDomains * 9 / 10;
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
