using System.Collections.Concurrent;
using Delegation.Documents;
using Delegation.Names;
using Delegation.Table;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Delegation.Serving;

/// <summary>
/// Finds a domain's documents: exact row, then the one-level wildcard row, through a bounded per-process cache with
/// positive and negative lifetimes and stale-if-error. When the primary endpoint fails, the read-access geo-redundant
/// secondary (if configured) answers before the stale copy or a 503. At most one table read per key is in flight, and
/// at most <see cref="ServingOptions.MaxConcurrentReads"/> in all.
/// </summary>
public sealed partial class DelegationResolver : IDisposable
{
    private readonly IDelegationStore _store;
    private readonly IDelegationStore? _secondary;
    private readonly TimeProvider _time;
    private readonly ILogger<DelegationResolver> _logger;
    private readonly DelegationMetrics _metrics;
    private readonly DomainCache _cache;
    private readonly ConcurrentDictionary<string, Task<CacheEntry?>> _loads = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _reads;
    private readonly TimeSpan _storageTimeout;

    // 1 after the secondary answered, until the primary answers again (which is logged once).
    private int _secondaryAnswered;

    public DelegationResolver(
        IDelegationStore store,
        IOptions<ServingOptions> options,
        TimeProvider time,
        ILogger<DelegationResolver> logger,
        DelegationMetrics metrics,
        SecondaryDelegationStore? secondary = null)
    {
        var serving = options.Value;
        _store = store;
        _secondary = secondary?.Store;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _cache = new DomainCache(serving, time);
        _reads = new SemaphoreSlim(serving.MaxConcurrentReads, serving.MaxConcurrentReads);
        _storageTimeout = TimeSpan.FromSeconds(serving.StorageTimeoutSeconds);
    }

    /// <summary>Cached domains, answers and known absences together.</summary>
    public int CachedCount => _cache.Count;

    /// <summary>The cached documents of a domain when they are still fresh; never reads the table, never allocates.</summary>
    public bool TryGetFresh(ReadOnlySpan<char> domain, out Resolution resolution)
    {
        if (_cache.TryGetFresh(domain, out var entry))
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

    private async Task<CacheEntry?> GetEntryAsync(string domain, CancellationToken cancellationToken)
    {
        if (_cache.TryGetFresh(domain, out var cached))
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
                // Not a storage failure (LoadAsync handles those) but a defect, logged as one. The requests waiting on
                // this load must still get an answer, and it is the outage answer: stale-if-error or a 503.
                Log.LoadFaulted(_logger, domain, ex);
                completion.SetResult(UseStale(domain));
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
        var (failed, row) = await ReadAsync(_store, DelegationMetrics.Primary, domain);
        if (failed)
        {
            return await LoadFromSecondaryAsync(domain);
        }

        if (Interlocked.Exchange(ref _secondaryAnswered, 0) == 1)
        {
            Log.PrimaryAnswersAgain(_logger, domain);
        }

        if (row is not null)
        {
            return Cache(domain, row);
        }

        if (DomainName.WildcardFor(domain) is not { } wildcard)
        {
            return _cache.Set(domain, null);
        }

        var wildcardEntry = await GetEntryAsync(wildcard, CancellationToken.None);
        return wildcardEntry is null ? UseStale(domain) : _cache.Set(domain, wildcardEntry.Documents);
    }

    /// <summary>
    /// The primary failed: the secondary's row (exact, then the wildcard) is served and cached like a primary read.
    /// </summary>
    /// <remarks>
    /// No row on the secondary is not "no delegation": the secondary holds the primary's rows only as of the account's
    /// Last Sync Time, so a row added since may be missing there. It is the outage answer instead (stale, else 503),
    /// never a 404 and never cached. Synapse (synapse/http/federation/well_known_resolver.py) treats a 404 as a
    /// permanent failure: it drops the entry it still held and remembers "no delegation" for about an hour, and Front
    /// Door and this cache would keep the 404 for the negative lifetime after the primary is back. A 5xx is a temporary
    /// failure there, which keeps an entry still held near the end of its life. A domain that really has no row loses
    /// nothing: Synapse caches a 503 and a 404 alike when it holds nothing.
    /// </remarks>
    private async Task<CacheEntry?> LoadFromSecondaryAsync(string domain)
    {
        if (_secondary is null)
        {
            return UseStale(domain);
        }

        var (failed, row) = await ReadAsync(_secondary, DelegationMetrics.Secondary, domain);
        if (!failed && row is null && DomainName.WildcardFor(domain) is { } wildcard)
        {
            (failed, row) = await ReadAsync(_secondary, DelegationMetrics.Secondary, wildcard);
        }

        if (failed)
        {
            return UseStale(domain);
        }

        if (row is null)
        {
            Log.MissingOnSecondary(_logger, domain);
            return UseStale(domain);
        }

        Volatile.Write(ref _secondaryAnswered, 1);
        Log.SecondaryAnswered(_logger, domain, row.Domain);
        return Cache(domain, row);
    }

    private CacheEntry Cache(string domain, DelegationRow row)
    {
        var documents = DelegationDocuments.FromRow(row);
        if (documents.Problems.Count > 0)
        {
            Log.InvalidRow(_logger, row.Domain, string.Join("; ", documents.Problems));
        }

        return _cache.Set(domain, documents);
    }

    /// <summary>One point read of one endpoint within the storage timeout; a storage failure is counted, logged and reported.</summary>
    private async Task<(bool Failed, DelegationRow? Row)> ReadAsync(IDelegationStore store, string endpoint, string domain)
    {
        using var timeout = new CancellationTokenSource(_storageTimeout, _time);
        try
        {
            var row = await ReadLimitedAsync(store, domain, timeout.Token);
            _metrics.TableRead(row is null ? "not_found" : "found", endpoint);
            return (false, row);
        }
        // No caller's token reaches a table read: a cancellation here is the resolver's own timeout or the SDK's.
        catch (Exception ex) when (StorageFailure.From(ex) is { } failure)
        {
            _metrics.TableRead(timeout.IsCancellationRequested ? "timeout" : "error", endpoint);
            Log.StorageFailed(_logger, domain, failure.Description, endpoint, ex);
            return (true, null);
        }
    }

    private async Task<DelegationRow?> ReadLimitedAsync(IDelegationStore store, string domain, CancellationToken cancellationToken)
    {
        await _reads.WaitAsync(cancellationToken);
        try
        {
            return await store.GetAsync(domain, cancellationToken);
        }
        finally
        {
            _reads.Release();
        }
    }

    /// <summary>The outage answer: the cached entry while within stale-if-error (logged), else null for a 503.</summary>
    private CacheEntry? UseStale(string domain)
    {
        if (!_cache.TryUseStale(domain, out var stale))
        {
            return null;
        }

        Log.ServingStale(_logger, domain);
        return stale;
    }
}
