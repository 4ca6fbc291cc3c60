using Azure.Data.Tables;
using Delegation.Checks;
using Delegation.Table;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using System.Diagnostics.Metrics;

namespace Delegation.Tests.Checks;

public sealed class CheckRunnerTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeLogger<CheckRunner> _logger = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    private IMeterFactory MeterFactory => _services.GetRequiredService<IMeterFactory>();

    [Fact]
    public async Task RunAsync_HangingDomain_FailsAtTheDeadlineWithoutStoppingOthers()
    {
        await using var network = (await CheckNetwork.StartAsync()).Good("good.test");
        network.Timeout = TimeSpan.FromSeconds(300);
        var hanging = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var goodChecked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        network.Pin("hang.test", 443).Server.ValidFor("hang.test").Route("hang.test", Scenario.ServerWellKnown, async context =>
        {
            hanging.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        var settings = network.Settings(s => (s.DomainTimeoutSeconds, s.Concurrency) = (90, 2));
        var runner = new CheckRunner(new DelegationChecker(settings, _time), Options.Create(settings), new CheckMetrics(MeterFactory), _logger, _time);

        var run = runner.RunAsync([new DelegationRow("hang.test"), new DelegationRow("good.test")], onChecked: check =>
        {
            if (check.Report.Domain == "good.test")
            {
                goodChecked.TrySetResult();
            }

            return Task.CompletedTask;
        }, cancellationToken: TestContext.Current.CancellationToken);
        await hanging.Task.WaitAsync(Guard, TestContext.Current.CancellationToken);
        await goodChecked.Task.WaitAsync(Guard, TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromSeconds(90));
        var summary = await run.WaitAsync(Guard, TestContext.Current.CancellationToken);

        const string Expected = "the check did not finish within the domain deadline of 90 s; still in progress: server well-known: GET https://hang.test/.well-known/matrix/server";
        Assert.Equal(CheckStatus.Fail, summary.Checks[0].Result.Status);
        Assert.Equal("deadline", summary.Checks[0].Result.Step);
        Assert.StartsWith(Expected, summary.Checks[0].Result.Message, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Ok, summary.Checks[1].Result.Status);
        var logged = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Id.Id == 22);
        Assert.StartsWith($"Delegation check of hang.test did not finish within its deadline of 90 s: {Expected}", logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Results_CountedByResultAndEachFailingDomainLogged()
    {
        await using var network = (await CheckNetwork.StartAsync()).Good("good.test").Broken("broken.test");
        using var checks = new MetricCollector<long>(MeterFactory, "Delegation", "delegation.checks");
        var runner = CreateRunner(network);

        var summary = await runner.RunAsync([new DelegationRow("good.test"), new DelegationRow("broken.test")], cancellationToken: TestContext.Current.CancellationToken).WaitAsync(Guard, TestContext.Current.CancellationToken);

        Assert.Equal([CheckStatus.Ok, CheckStatus.Fail], summary.Checks.Select(c => c.Result.Status));
        Assert.Equal(["fail", "ok"], checks.GetMeasurementSnapshot().Select(m => (string)m.Tags["result"]!).Order());
        var failure = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Equal(20, failure.Id.Id);
        Assert.StartsWith("Delegation check of broken.test fails at step 'federation': hs.broken.test:8448: TLS:", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Results_RecordedWithTheirFields()
    {
        await using var network = (await CheckNetwork.StartAsync()).Good("good.test").Broken("broken.test");
        var table = await (await Azurite.Shared).CreateTableAsync("results");
        var results = new TableCheckResultStore(table);
        var runner = CreateRunner(network);

        await runner.RunAsync([new DelegationRow("good.test"), new DelegationRow("broken.test")], results, cancellationToken: TestContext.Current.CancellationToken).WaitAsync(Guard, TestContext.Current.CancellationToken);
        var recorded = await results.ListAsync(TestContext.Current.CancellationToken).ToListAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["broken.test", "good.test"], recorded.Select(r => r.Domain));
        Assert.Equal(CheckStatus.Fail, recorded[0].Status);
        Assert.Equal("federation", recorded[0].Step);
        Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds(), recorded[1].CheckedAt.ToUnixTimeSeconds());
        Assert.Equal(CheckStatus.Ok, recorded[1].Status);
        Assert.InRange(recorded[1].CertificateExpires.GetValueOrDefault(), DateTimeOffset.UtcNow.AddDays(89), DateTimeOffset.UtcNow.AddDays(91));
    }

    [Fact]
    public async Task RunAsync_ResultsTableUnreachable_ReportsEachFailureAndLeavesDelegationsAlone()
    {
        await using var network = (await CheckNetwork.StartAsync()).Good("good.test").Broken("broken.test");
        var delegations = new TableDelegationStore(await (await Azurite.Shared).CreateTableAsync("delegations"));
        await delegations.TryAddAsync(new DelegationRow("good.test") { Server = "hs.good.test:8448" }, TestContext.Current.CancellationToken);
        await delegations.TryAddAsync(new DelegationRow("broken.test") { Server = "hs.broken.test:8448" }, TestContext.Current.CancellationToken);
        var before = await delegations.ListAsync(TestContext.Current.CancellationToken).ToListAsync(cancellationToken: TestContext.Current.CancellationToken);
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        var results = new TableCheckResultStore(new TableServiceClient(Azurite.UnreachableConnectionString, options).GetTableClient("delegationchecks"));
        using var recordFailures = new MetricCollector<long>(MeterFactory, "Delegation", "delegation.checks.record_failures");
        var runner = CreateRunner(network);

        var domains = await CheckRunner.ListRowsAsync(delegations, cancellationToken: TestContext.Current.CancellationToken);
        var summary = await runner.RunAsync(domains, results, cancellationToken: TestContext.Current.CancellationToken).WaitAsync(Guard, TestContext.Current.CancellationToken);

        Assert.Equal(2, summary.RecordFailures.Count);
        Assert.All(summary.Checks, c => Assert.False(c.Recorded));
        Assert.Equal(2, recordFailures.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(2, _logger.Collector.GetSnapshot().Count(r => r.Id.Id == 23 && r.Exception is not null));
        var after = await delegations.ListAsync(TestContext.Current.CancellationToken).ToListAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(before.Count, after.Count);
        Assert.All(before.Zip(after), pair => Assert.True(pair.First.HasSameValues(pair.Second)));
    }

    [Fact]
    public async Task RunAsync_DomainWhoseCheckWouldThrow_FailsThatDomainAndChecksTheOthers()
    {
        await using var network = (await CheckNetwork.StartAsync()).Good("good.test");
        network.Pin("zwj.test", 443).Server.ValidFor("zwj.test")
            .Json("zwj.test", Scenario.ClientWellKnown, "{\"m.homeserver\":{\"base_url\":\"https://a\u200d.crash.test\"}}", 200, Scenario.Cors);
        var runner = CreateRunner(network);

        var summary = await runner.RunAsync([new DelegationRow("zwj.test"), new DelegationRow("good.test")], cancellationToken: TestContext.Current.CancellationToken).WaitAsync(Guard, TestContext.Current.CancellationToken);

        Assert.Equal([("zwj.test", CheckStatus.Fail), ("good.test", CheckStatus.Ok)], summary.Checks.Select(c => (c.Result.Domain, c.Result.Status)));
        Assert.Contains(summary.Checks[0].Report.Client.Steps, s => s.Name == "homeserver" && s.Status == StepStatus.Fail);
    }

    public void Dispose() => _services.Dispose();

    private CheckRunner CreateRunner(CheckNetwork network) =>
        new(new DelegationChecker(network.Settings()), Options.Create(network.Settings(s => s.Concurrency = 2)), new CheckMetrics(MeterFactory), _logger, _time);
}
