using Delegation.Checks;
using Delegation.Table;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Delegation.Tests.Checks;

/// <summary>The timer function's handler, wired by AddDelegationChecks as the function app wires it.</summary>
public sealed class ScheduledChecksTests
{
    [Fact]
    public async Task RunAsync_AfterStartDelay_RecordsEveryDomainButWildcards()
    {
        await using var network = (await CheckNetwork.StartAsync()).Good("good.test").Broken("broken.test");
        var azurite = await Azurite.Shared;
        var delegationsTable = await azurite.CreateTableAsync("delegations");
        var resultsTable = await azurite.CreateTableAsync("results");
        var delegations = new CountingDelegationStore(new TableDelegationStore(delegationsTable));
        await delegations.TryAddAsync(new DelegationRow("good.test") { Server = "hs.good.test:8448" }, TestContext.Current.CancellationToken);
        await delegations.TryAddAsync(new DelegationRow("broken.test") { Server = "hs.broken.test:8448" }, TestContext.Current.CancellationToken);
        await delegations.TryAddAsync(new DelegationRow("*.wild.test") { Server = "hs.good.test:8448" }, TestContext.Current.CancellationToken);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = Services(azurite, resultsTable.Name, delegations, time, network);
        var scheduled = services.GetRequiredService<ScheduledChecks>();

        var run = scheduled.CheckAllAsync(TestContext.Current.CancellationToken);
        var listedBeforeDelay = delegations.Lists;
        time.Advance(TimeSpan.FromSeconds(600));
        await run.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var recorded = await new TableCheckResultStore(resultsTable).ListAsync(TestContext.Current.CancellationToken).ToListAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, listedBeforeDelay);
        Assert.Equal(1, delegations.Lists);
        Assert.Equal([("broken.test", CheckStatus.Fail), ("good.test", CheckStatus.Ok)], recorded.Select(r => (r.Domain, r.Status)));
    }

    [Fact]
    public async Task RunAsync_DomainWhoseCheckWouldThrow_RecordsEveryDomainAndLogsTheEnd()
    {
        await using var network = (await CheckNetwork.StartAsync()).Good("good.test");
        network.Pin("zwj.test", 443).Server.ValidFor("zwj.test")
            .Json("zwj.test", Scenario.ClientWellKnown, "{\"m.homeserver\":{\"base_url\":\"https://a\u200d.crash.test\"}}", 200, Scenario.Cors);
        var azurite = await Azurite.Shared;
        var resultsTable = await azurite.CreateTableAsync("results");
        var delegations = new InMemoryDelegationStore();
        await delegations.TryAddAsync(new DelegationRow("zwj.test") { Server = "hs.good.test:8448" }, TestContext.Current.CancellationToken);
        await delegations.TryAddAsync(new DelegationRow("good.test") { Server = "hs.good.test:8448" }, TestContext.Current.CancellationToken);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var log = new FakeLogCollector();
        await using var services = Services(azurite, resultsTable.Name, delegations, time, network, log);

        var run = services.GetRequiredService<ScheduledChecks>().CheckAllAsync(TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(600));
        await run.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var recorded = await new TableCheckResultStore(resultsTable).ListAsync(TestContext.Current.CancellationToken).ToListAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([("good.test", CheckStatus.Ok), ("zwj.test", CheckStatus.Fail)], recorded.Select(r => (r.Domain, r.Status)));
        Assert.Contains(log.GetSnapshot(), r => r.Id.Id == 31 && r.Message.StartsWith("Delegation checks finished: 2 domains, 1 ok, 0 warnings, 1 failing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_InjectedRandomValue_WaitsThatShareOfTheMaximumDelay()
    {
        var azurite = await Azurite.Shared;
        var resultsTable = await azurite.CreateTableAsync("results");
        var delegations = new CountingDelegationStore(new InMemoryDelegationStore());
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var log = new FakeLogCollector();
        await using var services = Services(azurite, resultsTable.Name, delegations, time, network: null, log, new FixedRandom(0.125));

        var run = services.GetRequiredService<ScheduledChecks>().CheckAllAsync(TestContext.Current.CancellationToken);
        var listedBeforeDelay = delegations.Lists;
        time.Advance(TimeSpan.FromSeconds(75));
        await run.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        // An eighth of the default 600 s.
        var starting = Assert.Single(log.GetSnapshot(), r => r.Id.Id == 30);
        Assert.Equal("75", starting.GetStructuredStateValue("Seconds"));
        Assert.Equal(0, listedBeforeDelay);
        Assert.Equal(1, delegations.Lists);
    }

    [Fact]
    public async Task AddDelegationChecks_DefaultOptions_DailyWatchSettingsAndResultsInTheDefaultTable()
    {
        var azurite = await Azurite.Shared;
        var domain = $"d{Guid.NewGuid():N}.test";
        await using var services = Services(azurite, resultsTable: null, new InMemoryDelegationStore(), TimeProvider.System, network: null);

        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DelegationStorageOptions>>().Value;
        var settings = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CheckSettings>>().Value;
        var results = services.GetRequiredService<ICheckResultStore>();
        await results.EnsureTableAsync(TestContext.Current.CancellationToken);
        await results.RecordAsync(new CheckResult(domain, DateTimeOffset.UtcNow, CheckStatus.Ok, null, null, null), TestContext.Current.CancellationToken);
        var defaultTable = new TableCheckResultStore(new Azure.Data.Tables.TableClient(azurite.ConnectionString, "delegationchecks"));
        var recorded = await defaultTable.ListAsync(TestContext.Current.CancellationToken).ToListAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("delegationchecks", options.ChecksTableName);
        Assert.Equal(TimeSpan.FromDays(14), settings.CertificateWarning);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Timeout);
        Assert.False(settings.AllowPrivateAddresses);
        Assert.Equal(CheckStatus.Ok, Assert.Single(recorded, r => r.Domain == domain).Status);
    }

    [Fact]
    public async Task AddDelegationChecks_AllowPrivateAddressesSetting_ReachesTheEngineSettings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DelegationChecks:AllowPrivateAddresses"] = "true" }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddSingleton<IDelegationStore>(new InMemoryDelegationStore()).AddDelegationChecks().BuildServiceProvider();

        var settings = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CheckSettings>>().Value;

        Assert.True(settings.AllowPrivateAddresses);
    }

    [Fact]
    public async Task AddDelegationChecks_SettingsNamingOperatorOnlyInputs_AreNotBound()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DelegationChecks:Pins:0"] = "example.com:443:127.0.0.1",
            ["DelegationChecks:DnsServer"] = "127.0.0.1:53",
            ["DelegationChecks:Via"] = "http://127.0.0.1:8080",
            ["DelegationChecks:Timeout"] = "00:00:01",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddSingleton<IDelegationStore>(new InMemoryDelegationStore()).AddDelegationChecks().BuildServiceProvider();

        var settings = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CheckSettings>>().Value;

        Assert.Empty(settings.Pins);
        Assert.Null(settings.DnsServer);
        Assert.Null(settings.Via);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Timeout);
    }

    [Fact]
    public void RotateForDay_NextDay_StartsOneRowLaterAndKeepsEveryRow()
    {
        var rows = new[] { "a.test", "b.test", "c.test" };
        var day = new DateTimeOffset(2026, 12, 6, 3, 30, 0, TimeSpan.Zero);

        var today = ScheduledChecks.RotateForDay(rows, day);
        var tomorrow = ScheduledChecks.RotateForDay(rows, day.AddDays(1));
        var laterToday = ScheduledChecks.RotateForDay(rows, day.AddHours(20));

        Assert.Equal(rows.Order(), today.Order());
        Assert.Equal(today.Skip(1).Append(today[0]), tomorrow);
        Assert.Equal(today, laterToday);
        Assert.Empty(ScheduledChecks.RotateForDay(Array.Empty<string>(), day));
    }

    private static ServiceProvider Services(Azurite azurite, string? resultsTable, IDelegationStore delegations, TimeProvider time, CheckNetwork? network, FakeLogCollector? log = null, Random? random = null)
    {
        var settings = new Dictionary<string, string?> { [DelegationStorageOptions.ConnectionStringKey] = azurite.ConnectionString };
        if (resultsTable is not null)
        {
            settings["DelegationChecks:Table"] = resultsTable;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(log ?? new FakeLogCollector())))
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(delegations)
            .AddSingleton(time)
            .AddDelegationChecks();
        if (random is not null)
        {
            services.Replace(ServiceDescriptor.Singleton(random));
        }

        if (network is not null)
        {
            // The scenario's pins, DNS server and test authority, in place of the system's resolver and trust store.
            services.Replace(ServiceDescriptor.Singleton(new DelegationChecker(network.Settings())));
        }

        return services.BuildServiceProvider();
    }
}
