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
/// secondary (if configured) answers before the stale copy or a 503, and is read first for a short while after
/// (<see cref="PrimaryCircuit"/>). At most one table read per key is in flight, and at most
/// <see cref="ServingOptions.MaxConcurrentReads"/> per endpoint.
/// </summary>
public sealed partial class DelegationResolver : IDisposable
{
    private readonly TableEndpoint _primary;
    private readonly TableEndpoint? _secondary;
    private readonly PrimaryCircuit _circuit;
    private readonly ILogger<DelegationResolver> _logger;
    private readonly DomainCache _cache;
    private readonly ConcurrentDictionary<string, Task<CacheEntry?>> _loads = new(StringComparer.Ordinal);

    /// <param name="random">Draws the window in which the primary is skipped after it failed (<see cref="PrimaryCircuit"/>).</param>
    public DelegationResolver(
        IDelegationStore store,
        IOptions<ServingOptions> options,
        TimeProvider time,
        ILogger<DelegationResolver> logger,
        DelegationMetrics metrics,
        SecondaryDelegationStore? secondary = null,
        Random? random = null)
    {
        var serving = options.Value;
        _primary = new TableEndpoint(store, DelegationMetrics.Primary, serving, time, metrics, logger);
        _secondary = secondary?.Store is { } secondaryStore ? new TableEndpoint(secondaryStore, DelegationMetrics.Secondary, serving, time, metrics, logger) : null;
        _circuit = new PrimaryCircuit(time, random ?? Random.Shared);
        _logger = logger;
        _cache = new DomainCache(serving, time);
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

    public void Dispose()
    {
        _primary.Dispose();
        _secondary?.Dispose();
    }

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

    /// <remarks>
    /// Once the primary has failed, within this request or (while <see cref="PrimaryCircuit"/> is open) in another, the
    /// secondary answers the exact row and the wildcard alike: no request waits out the primary's timeout twice.
    /// </remarks>
    private async Task<CacheEntry?> LoadAsync(string domain)
    {
        if (_secondary is not null && _circuit.SkipPrimary())
        {
            return await LoadFromSecondaryAsync(_secondary, domain);
        }

        var (failed, row) = await _primary.ReadAsync(domain);
        if (failed)
        {
            if (_secondary is null)
            {
                return UseStale(domain);
            }

            if (_circuit.Open(out var window))
            {
                Log.PrimarySkipped(_logger, domain, window.TotalSeconds);
            }

            return await LoadFromSecondaryAsync(_secondary, domain);
        }

        if (_circuit.Close())
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
    /// The primary failed, now or within <see cref="PrimaryCircuit"/>'s window: the secondary's row (exact, then the
    /// wildcard) is served and cached like a primary read.
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
    private async Task<CacheEntry?> LoadFromSecondaryAsync(TableEndpoint secondary, string domain)
    {
        var (failed, row) = await secondary.ReadAsync(domain);
        if (!failed && row is null && DomainName.WildcardFor(domain) is { } wildcard)
        {
            (failed, row) = await secondary.ReadAsync(wildcard);
        }

        if (failed)
        {
            _circuit.SecondaryFailed();
            return UseStale(domain);
        }

        if (row is null)
        {
            Log.MissingOnSecondary(_logger, domain);
            return UseStale(domain);
        }

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
