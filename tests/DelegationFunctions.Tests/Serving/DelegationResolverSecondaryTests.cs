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
    private readonly CountingDelegationStore _primaryReads;
    private readonly CountingDelegationStore _secondaryReads;
    private readonly FakeTimeProvider _time = new();
    private readonly FakeLogger<DelegationResolver> _logger = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    /// <summary>How long a step may take on a loaded machine before the test fails instead of hanging; not a wait.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly ServingOptions _options = new() { CacheSeconds = 60, NegativeCacheSeconds = 30, StaleIfErrorSeconds = 3600, MaxCachedDomains = 100, MaxConcurrentReads = 4 };

    public DelegationResolverSecondaryTests()
    {
        _primaryReads = new CountingDelegationStore(_primary);
        _secondaryReads = new CountingDelegationStore(_secondary);
    }

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
        _time.Advance(PrimaryCircuit.Window * 2);
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

    [Fact]
    public async Task ResolveAsync_PrimaryFailedForAnotherDomain_SecondaryAnswersWithoutAskingThePrimary()
    {
        _primary.Failing = true;
        _secondary.Put(new DelegationRow("a.example") { Server = "a.example.com:443" });
        _secondary.Put(new DelegationRow("*.example.net") { Server = "wild.example.net:443" });
        using var resolver = CreateResolver();
        await resolver.ResolveAsync("a.example", TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromSeconds(7));

        var wildcard = await resolver.ResolveAsync("b.example.net", TestContext.Current.CancellationToken);

        Assert.Equal(ResolutionStatus.Found, wildcard.Status);
        Assert.Equal(["a.example"], _primaryReads.ReadOrder);
        Assert.Equal(["a.example", "b.example.net", "*.example.net"], _secondaryReads.ReadOrder);
        Assert.Single(_logger.Collector.GetSnapshot(), e => e.Id.Id == 8 && e.Message.StartsWith("The primary endpoint failed (read of a.example); reads go to the secondary endpoint for 7.5 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResolveAsync_WindowPassedPrimaryStillHangs_OneReadTriesItTheOthersSkipIt()
    {
        _primary.Failing = true;
        foreach (var domain in new[] { "a.example", "b.example", "c.example", "d.example" })
        {
            _secondary.Put(new DelegationRow(domain) { Server = "matrix.example.com:443" });
        }

        using var resolver = CreateResolver();
        await resolver.ResolveAsync("a.example", TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromSeconds(7.5));
        _primary.Gate = new TaskCompletionSource();

        var trial = resolver.ResolveAsync("b.example", TestContext.Current.CancellationToken).AsTask();
        var skipping = await resolver.ResolveAsync("c.example", TestContext.Current.CancellationToken);
        var trialWaited = !trial.IsCompleted;
        _time.Advance(TimeSpan.FromSeconds(5));
        var tried = await trial.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        var after = await resolver.ResolveAsync("d.example", TestContext.Current.CancellationToken);

        Assert.True(trialWaited, "the read after the window asks the hanging primary");
        Assert.Equal([ResolutionStatus.Found, ResolutionStatus.Found, ResolutionStatus.Found], new[] { skipping.Status, tried.Status, after.Status });
        Assert.Equal(["a.example", "b.example"], _primaryReads.ReadOrder);
    }

    [Fact]
    public async Task ResolveAsync_PrimaryHangsHoldingEveryReadSlot_SecondaryStillAnswers()
    {
        _options.MaxConcurrentReads = 1;
        _primary.Gate = new TaskCompletionSource();
        _secondary.Put(new DelegationRow("a.example") { Server = "matrix.example.com:443" });
        _secondary.Put(new DelegationRow("b.example") { Server = "matrix.example.com:443" });
        using var resolver = CreateResolver();
        var a = resolver.ResolveAsync("a.example", TestContext.Current.CancellationToken).AsTask();
        _time.Advance(TimeSpan.FromSeconds(_options.StorageTimeoutSeconds / 2));
        var b = resolver.ResolveAsync("b.example", TestContext.Current.CancellationToken).AsTask();

        // a's primary read times out and frees the slot, which b's primary read takes and holds for half a timeout.
        _time.Advance(TimeSpan.FromSeconds(_options.StorageTimeoutSeconds / 2));
        var first = await a.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        var bWaited = !b.IsCompleted;
        _time.Advance(TimeSpan.FromSeconds(_options.StorageTimeoutSeconds / 2));
        var second = await b.WaitAsync(Deadline, TestContext.Current.CancellationToken);

        Assert.Equal(ResolutionStatus.Found, first.Status);
        Assert.True(bWaited, "b's primary read held the primary's only slot");
        Assert.Equal(ResolutionStatus.Found, second.Status);
        Assert.Equal(["a.example", "b.example"], _primaryReads.ReadOrder);
    }

    /// <summary>Skipping the primary helps only while the secondary answers; with both down, the primary is asked first.</summary>
    [Fact]
    public async Task ResolveAsync_SecondaryFailsToo_NextDomainAsksThePrimaryAndGetsItOnceBack()
    {
        _primary.Failing = true;
        _secondary.Failing = true;
        _primary.Put(new DelegationRow("b.example") { Server = "matrix.example.com:443" });
        using var resolver = CreateResolver();
        var down = await resolver.ResolveAsync("a.example", TestContext.Current.CancellationToken);
        _primary.Failing = false;

        var back = await resolver.ResolveAsync("b.example", TestContext.Current.CancellationToken);

        Assert.Equal(ResolutionStatus.Unavailable, down.Status);
        Assert.Equal(ResolutionStatus.Found, back.Status);
        Assert.Equal(["a.example", "b.example"], _primaryReads.ReadOrder);
        Assert.Single(_logger.Collector.GetSnapshot(), e => e.Id.Id == 7);
    }

    [Fact]
    public async Task ResolveAsync_NoSecondary_EveryDomainAsksThePrimary()
    {
        _primary.Failing = true;
        using var resolver = new DelegationResolver(_primaryReads, Options.Create(_options), _time, _logger, new DelegationMetrics(_services.GetRequiredService<IMeterFactory>()), random: new FixedRandom(0.5));

        await resolver.ResolveAsync("a.example", TestContext.Current.CancellationToken);
        await resolver.ResolveAsync("b.example", TestContext.Current.CancellationToken);

        Assert.Equal(["a.example", "b.example"], _primaryReads.ReadOrder);
        Assert.DoesNotContain(_logger.Collector.GetSnapshot(), e => e.Id.Id == 8);
    }

    private MetricCollector<long> ReadsCollector() =>
        new(_services.GetRequiredService<IMeterFactory>(), DelegationMetrics.MeterName, "delegation.table.reads");

    private static List<(string?, string?)> Measurements(MetricCollector<long> reads) =>
        [.. reads.GetMeasurementSnapshot().Select(m => (m.Tags["outcome"] as string, m.Tags["endpoint"] as string))];

    private DelegationResolver CreateResolver() =>
        new(_primaryReads, Options.Create(_options), _time, _logger, new DelegationMetrics(_services.GetRequiredService<IMeterFactory>()), new SecondaryDelegationStore(_secondaryReads), new FixedRandom(0.5));
}
