using System.Diagnostics.Metrics;
using Delegation.Serving;
using Delegation.Table;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Delegation.Tests.Serving;

public sealed class DelegationResolverTests : IDisposable
{
    private readonly InMemoryDelegationStore _store = new();
    private readonly CountingDelegationStore _reads;
    private readonly FakeTimeProvider _time = new();
    private readonly FakeLogger<DelegationResolver> _logger = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ServingOptions _options = new() { CacheSeconds = 60, NegativeCacheSeconds = 30, StaleIfErrorSeconds = 3600, MaxCachedDomains = 100, MaxConcurrentReads = 4 };

    public DelegationResolverTests() => _reads = new CountingDelegationStore(_store);

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task ResolveAsync_ManyConcurrentRequestsForOneDomain_ReadsTheTableOnce()
    {
        _store.Put(new DelegationRow("example.com") { Server = "matrix.example.com:443" });
        _store.Gate = new TaskCompletionSource();
        using var resolver = CreateResolver();

        var waiting = Enumerable.Range(0, 50).Select(_ => resolver.ResolveAsync("example.com").AsTask()).ToList();
        _store.Gate.SetResult();
        var results = await Task.WhenAll(waiting);

        Assert.All(results, r => Assert.Equal(ResolutionStatus.Found, r.Status));
        Assert.Equal(1, _reads.Reads);
    }

    [Fact]
    public async Task ResolveAsync_WithinCacheLifetime_DoesNotReadAgain_AfterItReadsAgain()
    {
        _store.Put(new DelegationRow("example.com") { Server = "matrix.example.com:443" });
        using var resolver = CreateResolver();

        await resolver.ResolveAsync("example.com", TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromSeconds(59));
        await resolver.ResolveAsync("example.com", TestContext.Current.CancellationToken);
        var readsWithinLifetime = _reads.Reads;
        _time.Advance(TimeSpan.FromSeconds(2));
        await resolver.ResolveAsync("example.com", TestContext.Current.CancellationToken);

        Assert.Equal(1, readsWithinLifetime);
        Assert.Equal(2, _reads.Reads);
    }

    [Fact]
    public async Task ResolveAsync_UnknownDomain_IsCachedAsAbsentForTheNegativeLifetime()
    {
        using var resolver = CreateResolver();

        var first = await resolver.ResolveAsync("a.example.com", TestContext.Current.CancellationToken);
        await resolver.ResolveAsync("a.example.com", TestContext.Current.CancellationToken);
        var readsBefore = _reads.ReadOrder.ToList();
        _time.Advance(TimeSpan.FromSeconds(31));
        await resolver.ResolveAsync("a.example.com", TestContext.Current.CancellationToken);

        Assert.Equal(ResolutionStatus.NotFound, first.Status);
        Assert.Equal(["a.example.com", "*.example.com"], readsBefore);
        Assert.Equal(4, _reads.Reads);
    }

    [Fact]
    public async Task ResolveAsync_SiblingsOfOneParent_ReadTheWildcardOnce()
    {
        _store.Put(new DelegationRow("*.example.com") { Server = "wild.example.com:443" });
        using var resolver = CreateResolver();

        var a = await resolver.ResolveAsync("a.example.com", TestContext.Current.CancellationToken);
        var b = await resolver.ResolveAsync("b.example.com", TestContext.Current.CancellationToken);

        Assert.Equal("{\"m.server\":\"wild.example.com:443\"}", a.Documents!.Server!.ToString());
        Assert.Same(a.Documents, b.Documents);
        Assert.Equal(["a.example.com", "*.example.com", "b.example.com"], _reads.ReadOrder);
    }

    [Fact]
    public async Task ResolveAsync_StorageFailsWithNothingCached_IsUnavailableNotNotFound()
    {
        _store.Failing = true;
        using var resolver = CreateResolver();

        var result = await resolver.ResolveAsync("example.com", TestContext.Current.CancellationToken);

        Assert.Equal(ResolutionStatus.Unavailable, result.Status);
        Assert.Contains(_logger.Collector.GetSnapshot(), e => e.Level == LogLevel.Error && e.Message.Contains("example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResolveAsync_StorageFailsAfterCaching_ServesStaleAndLogsIt()
    {
        _store.Put(new DelegationRow("example.com") { Server = "matrix.example.com:443" });
        using var resolver = CreateResolver();
        var fresh = await resolver.ResolveAsync("example.com", TestContext.Current.CancellationToken);
        _store.Failing = true;
        _time.Advance(TimeSpan.FromSeconds(61));

        var stale = await resolver.ResolveAsync("example.com", TestContext.Current.CancellationToken);

        Assert.Equal(ResolutionStatus.Found, stale.Status);
        Assert.Same(fresh.Documents, stale.Documents);
        Assert.Contains(_logger.Collector.GetSnapshot(), e => e.Message.Contains("Serving the cached answer for example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResolveAsync_StorageFailsPastStaleLimit_IsUnavailable()
    {
        _store.Put(new DelegationRow("example.com") { Server = "matrix.example.com:443" });
        using var resolver = CreateResolver();
        await resolver.ResolveAsync("example.com", TestContext.Current.CancellationToken);
        _store.Failing = true;
        _time.Advance(TimeSpan.FromSeconds(60 + 3600 + 1));

        var result = await resolver.ResolveAsync("example.com", TestContext.Current.CancellationToken);

        Assert.Equal(ResolutionStatus.Unavailable, result.Status);
    }

    [Fact]
    public async Task ResolveAsync_InvalidRow_IsLoggedOncePerCacheLifetimeWithDomainAndReason()
    {
        _store.Put(new DelegationRow("example.com") { Server = "https://matrix.example.com" });
        using var resolver = CreateResolver();

        for (var i = 0; i < 5; i++)
        {
            await resolver.ResolveAsync("example.com", TestContext.Current.CancellationToken);
        }

        var warning = Assert.Single(_logger.Collector.GetSnapshot(), e => e.Level == LogLevel.Warning);
        Assert.Contains("example.com", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Server 'https://matrix.example.com' is invalid", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_MoreDomainsThanTheBound_KeepsTheCacheWithinIt()
    {
        using var resolver = CreateResolver();

        for (var i = 0; i < 500; i++)
        {
            await resolver.ResolveAsync($"d{i}.example", TestContext.Current.CancellationToken);
        }

        Assert.InRange(resolver.CachedCount, 1, _options.MaxCachedDomains);
    }

    [Fact]
    public async Task ResolveAsync_ManyDistinctDomainsAtOnce_NeverExceedsTheReadCap()
    {
        _store.Gate = new TaskCompletionSource();
        using var resolver = CreateResolver();

        // Each call runs synchronously up to the gate or the read cap, so the reads at the gate are all there are by now.
        var waiting = Enumerable.Range(0, 40).Select(i => resolver.ResolveAsync($"d{i}.example").AsTask()).ToList();
        var readsAtTheGate = _reads.Reads;
        _store.Gate.SetResult();
        await Task.WhenAll(waiting);

        Assert.Equal(_options.MaxConcurrentReads, readsAtTheGate);
        Assert.InRange(_reads.MaxInFlight, 1, _options.MaxConcurrentReads);
    }

    [Fact]
    public async Task TryGetFresh_AfterResolve_HitsWithoutReading()
    {
        _store.Put(new DelegationRow("example.com") { Server = "matrix.example.com:443" });
        using var resolver = CreateResolver();
        await resolver.ResolveAsync("example.com", TestContext.Current.CancellationToken);

        var hit = resolver.TryGetFresh("example.com".AsSpan(), out var resolution);
        _time.Advance(TimeSpan.FromSeconds(61));
        var expired = resolver.TryGetFresh("example.com".AsSpan(), out _);

        Assert.True(hit);
        Assert.Equal(ResolutionStatus.Found, resolution.Status);
        Assert.False(expired);
        Assert.Equal(1, _reads.Reads);
    }

    [Fact]
    public async Task ResolveAsync_CountsTableReadsByOutcome()
    {
        _store.Put(new DelegationRow("example.com") { Server = "matrix.example.com:443" });
        using var reads = new MetricCollector<long>(_services.GetRequiredService<IMeterFactory>(), DelegationMetrics.MeterName, "delegation.table.reads");
        using var resolver = CreateResolver();

        await resolver.ResolveAsync("example.com", TestContext.Current.CancellationToken);
        await resolver.ResolveAsync("nope.example", TestContext.Current.CancellationToken);

        Assert.Equal(["found", "not_found", "not_found"], reads.GetMeasurementSnapshot().Select(m => m.Tags["outcome"] as string));
    }

    private DelegationResolver CreateResolver() =>
        new(_reads, Options.Create(_options), _time, _logger, new DelegationMetrics(_services.GetRequiredService<IMeterFactory>()));
}
