using System.Diagnostics.Metrics;
using Delegation.Serving;
using Delegation.Table;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Delegation.Tests.Serving;

/// <summary>The resolver with a read-access secondary endpoint: what it answers when the primary fails, and what it does not.</summary>
public sealed class DelegationResolverSecondaryTests : IDisposable
{
    private readonly InMemoryDelegationStore _primary = new();
    private readonly InMemoryDelegationStore _secondary = new();
    private readonly CountingDelegationStore _secondaryReads;
    private readonly FakeTimeProvider _time = new();
    private readonly FakeLogger<DelegationResolver> _logger = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ServingOptions _options = new() { CacheSeconds = 60, NegativeCacheSeconds = 30, StaleIfErrorSeconds = 3600, MaxCachedDomains = 100, MaxConcurrentReads = 4 };

    public DelegationResolverSecondaryTests() => _secondaryReads = new CountingDelegationStore(_secondary);

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task ResolveAsync_PrimaryFailsRowOnSecondary_FoundAndCountedAsSecondary()
    {
        _primary.Failing = true;
        _secondary.Put(new DelegationRow("example.com") { Server = "matrix.example.com:443" });
        using var reads = ReadsCollector();
        using var resolver = CreateResolver();

        var resolution = await resolver.ResolveAsync("example.com", TestContext.Current.CancellationToken);
        var cached = resolver.TryGetFresh("example.com".AsSpan(), out _);

        Assert.Equal(ResolutionStatus.Found, resolution.Status);
        Assert.Equal("{\"m.server\":\"matrix.example.com:443\"}", resolution.Documents!.Server!.ToString());
        Assert.True(cached, "a row read from the secondary is cached like a primary read");
        Assert.Equal([("error", "primary"), ("found", "secondary")], Measurements(reads));
        Assert.Contains(_logger.Collector.GetSnapshot(), e => e.Id.Id == 5 && e.Message.StartsWith("Answered example.com from the secondary endpoint", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResolveAsync_PrimaryFailsOnlyWildcardOnSecondary_ServesTheWildcard()
    {
        _primary.Failing = true;
        _secondary.Put(new DelegationRow("*.example.com") { Server = "wild.example.com:443" });
        using var resolver = CreateResolver();

        var resolution = await resolver.ResolveAsync("a.example.com", TestContext.Current.CancellationToken);

        Assert.Equal(ResolutionStatus.Found, resolution.Status);
        Assert.Equal("{\"m.server\":\"wild.example.com:443\"}", resolution.Documents!.Server!.ToString());
        Assert.Equal(["a.example.com", "*.example.com"], _secondaryReads.ReadOrder);
    }

    /// <summary>The row may have been added after the last sync: not "no delegation", and nothing is cached.</summary>
    [Fact]
    public async Task ResolveAsync_PrimaryFailsRowMissingOnSecondary_UnavailableAndNotCached()
    {
        _primary.Put(new DelegationRow("new.example.com") { Server = "matrix.example.com:443" });
        _primary.Failing = true;
        using var resolver = CreateResolver();

        var during = await resolver.ResolveAsync("new.example.com", TestContext.Current.CancellationToken);
        _primary.Failing = false;
        var after = await resolver.ResolveAsync("new.example.com", TestContext.Current.CancellationToken);

        Assert.Equal(ResolutionStatus.Unavailable, during.Status);
        Assert.Equal(ResolutionStatus.Found, after.Status);
        Assert.Contains(_logger.Collector.GetSnapshot(), e => e.Id.Id == 6);
    }

    [Fact]
    public async Task ResolveAsync_PrimaryFailsRowMissingOnSecondary_ServesTheStaleCopy()
    {
        _primary.Put(new DelegationRow("example.com") { Server = "matrix.example.com:443" });
        using var resolver = CreateResolver();
        await resolver.ResolveAsync("example.com", TestContext.Current.CancellationToken);
        _primary.Failing = true;
        _time.Advance(TimeSpan.FromSeconds(61));

        var resolution = await resolver.ResolveAsync("example.com", TestContext.Current.CancellationToken);

        Assert.Equal(ResolutionStatus.Found, resolution.Status);
        Assert.Contains(_logger.Collector.GetSnapshot(), e => e.Message.StartsWith("Serving the cached answer for example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResolveAsync_BothEndpointsFail_UnavailableAndBothLogged()
    {
        _primary.Failing = true;
        _secondary.Failing = true;
        using var reads = ReadsCollector();
        using var resolver = CreateResolver();

        var resolution = await resolver.ResolveAsync("example.com", TestContext.Current.CancellationToken);

        Assert.Equal(ResolutionStatus.Unavailable, resolution.Status);
        Assert.Equal([("error", "primary"), ("error", "secondary")], Measurements(reads));
        Assert.Equal(["primary endpoint", "secondary endpoint"], _logger.Collector.GetSnapshot().Where(e => e.Id.Id == 2).Select(e => e.Message[(e.Message.LastIndexOf('(') + 1)..^1]));
    }

    [Fact]
    public async Task ResolveAsync_PrimaryAnswersNoRow_NotFoundWithoutAskingTheSecondary()
    {
        _secondary.Put(new DelegationRow("example.com") { Server = "matrix.example.com:443" });
        using var resolver = CreateResolver();

        var resolution = await resolver.ResolveAsync("example.com", TestContext.Current.CancellationToken);

        Assert.Equal(ResolutionStatus.NotFound, resolution.Status);
        Assert.Equal(0, _secondaryReads.Reads);
    }

    [Fact]
    public async Task ResolveAsync_PrimaryBackAfterSecondaryAnswered_PrimaryAnswersAndSaysSoOnce()
    {
        _primary.Failing = true;
        _secondary.Put(new DelegationRow("a.example") { Server = "old.example.com:443" });
        _primary.Put(new DelegationRow("a.example") { Server = "new.example.com:443" });
        _primary.Put(new DelegationRow("b.example") { Server = "b.example.com:443" });
        using var reads = ReadsCollector();
        using var resolver = CreateResolver();
        await resolver.ResolveAsync("a.example", TestContext.Current.CancellationToken);
        _primary.Failing = false;
        _time.Advance(TimeSpan.FromSeconds(61));

        var a = await resolver.ResolveAsync("a.example", TestContext.Current.CancellationToken);
        await resolver.ResolveAsync("b.example", TestContext.Current.CancellationToken);

        Assert.Equal("{\"m.server\":\"new.example.com:443\"}", a.Documents!.Server!.ToString());
        Assert.Equal([("error", "primary"), ("found", "secondary"), ("found", "primary"), ("found", "primary")], Measurements(reads));
        Assert.Single(_logger.Collector.GetSnapshot(), e => e.Id.Id == 7);
    }

    private MetricCollector<long> ReadsCollector() =>
        new(_services.GetRequiredService<IMeterFactory>(), DelegationMetrics.MeterName, "delegation.table.reads");

    private static List<(string?, string?)> Measurements(MetricCollector<long> reads) =>
        [.. reads.GetMeasurementSnapshot().Select(m => (m.Tags["outcome"] as string, m.Tags["endpoint"] as string))];

    private DelegationResolver CreateResolver() =>
        new(_primary, Options.Create(_options), _time, _logger, new DelegationMetrics(_services.GetRequiredService<IMeterFactory>()), new SecondaryDelegationStore(_secondaryReads));
}
