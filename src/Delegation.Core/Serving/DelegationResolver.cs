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
    private readonly TimeProvider _time;
    private readonly ILogger<DelegationResolver> _logger;
    private readonly DelegationMetrics _metrics;
    private readonly DomainCache _cache;
    private readonly ConcurrentDictionary<string, Task<CacheEntry?>> _loads = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _reads;
    private readonly TimeSpan _storageTimeout;

    public DelegationResolver(IDelegationStore store, IOptions<ServingOptions> options, TimeProvider time, ILogger<DelegationResolver> logger, DelegationMetrics metrics)
    {
        var serving = options.Value;
        _store = store;
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
        DelegationRow? row;
        using (var timeout = new CancellationTokenSource(_storageTimeout, _time))
        {
            try
            {
                row = await ReadAsync(domain, timeout.Token);
            }
            // No caller's token reaches a table read: a cancellation here is the resolver's own timeout or the SDK's.
            catch (Exception ex) when (StorageFailure.From(ex) is { } failure)
            {
                _metrics.TableRead(timeout.IsCancellationRequested ? "timeout" : "error");
                Log.StorageFailed(_logger, domain, failure.Description, ex);
                return UseStale(domain);
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

            return _cache.Set(domain, documents);
        }

        if (DomainName.WildcardFor(domain) is not { } wildcard)
        {
            return _cache.Set(domain, null);
        }

        var wildcardEntry = await GetEntryAsync(wildcard, CancellationToken.None);
        return wildcardEntry is null ? UseStale(domain) : _cache.Set(domain, wildcardEntry.Documents);
    }

    private async Task<DelegationRow?> ReadAsync(string domain, CancellationToken cancellationToken)
    {
        await _reads.WaitAsync(cancellationToken);
        try
        {
            return await _store.GetAsync(domain, cancellationToken);
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
