using System.Diagnostics;
using System.Net;
using Delegation.Checks;
using Delegation.Tests.Cli;

namespace Delegation.Tests.Checks;

/// <summary>
/// One domain's whole check ends at its deadline, however many slow steps it meets: 40 SRV targets that accept TCP and
/// never answer would otherwise cost 8 (the cap) whole request timeouts.
/// </summary>
public sealed class CheckDeadlineTests : IAsyncDisposable
{
    // Without the deadline the check would take 8 x 5 s and more; with it, 12 s and the time to unwind. The bound leaves
    // a loaded 2-core machine room and still fails a check that ignored the deadline.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private const string InProgress = "the check did not finish within the domain deadline of 12 s; still in progress: federation: GET /_matrix/federation/v1/version on t";

    private readonly LoopbackListener _silent = new(holdOpen: true);
    private CheckNetwork? _network;

    [Fact]
    public async Task CheckAsync_ManySilentSrvTargets_EndsAtTheDeadlineNamingTheTargetInProgress()
    {
        var network = await SilentSrvNetworkAsync();
        using var checker = new DelegationChecker(network.Settings(s => s.DomainTimeoutSeconds = Deadline.TotalSeconds));
        var clock = Stopwatch.StartNew();

        var report = await checker.CheckAsync("example.test", TestContext.Current.CancellationToken);

        clock.Stop();
        Assert.True(clock.Elapsed < Bound, $"took {clock.Elapsed}");
        Assert.True(clock.Elapsed >= Deadline - TimeSpan.FromMilliseconds(100), $"took {clock.Elapsed}");
        var step = Assert.Single(report.Server.Steps);
        Assert.Equal(CheckDeadline.Step, step.Name);
        Assert.Equal(StepStatus.Fail, step.Status);
        Assert.StartsWith(InProgress, step.Summary, StringComparison.Ordinal);
        Assert.Matches($@"on t[0-7]\.example\.test:{_silent.Port} \(target [1-8] of 8\)$", step.Summary);
        Assert.False(report.FederationWorks);
        Assert.InRange(_silent.Connections, 1, 8);
    }

    [Fact]
    public async Task Check_DomainTimeoutOption_BoundsTheToolsCheckAndNamesTheDeadline()
    {
        var network = await SilentSrvNetworkAsync();
        var clock = Stopwatch.StartNew();

        var result = await CliRun.InvokeAsync(["check", "example.test", .. network.Arguments(), "--domain-timeout", "12"]);

        clock.Stop();
        Assert.True(clock.Elapsed < Bound, $"took {clock.Elapsed}");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"[FAIL] deadline: {InProgress}", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5", "--domain-timeout '5' is invalid: it must be at least --timeout (30 s)")]
    [InlineData("3601", "--domain-timeout '3601' is invalid")]
    public async Task Check_DomainTimeoutOutOfRange_FailsWithUsage(string seconds, string expected)
    {
        var result = await CliRun.InvokeAsync(["check", "example.test", "--timeout", "30", "--domain-timeout", seconds]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_network is not null)
        {
            await _network.DisposeAsync();
        }

        _silent.Dispose();
    }

    /// <summary>example.test has no well-known (404), so discovery reads its 40 SRV targets, all on the silent port.</summary>
    private async Task<CheckNetwork> SilentSrvNetworkAsync()
    {
        _network = (await CheckNetwork.StartAsync()).AllowingPrivateAddresses();
        _network.Timeout = RequestTimeout;
        _network.Pin("example.test", 443).Server.ValidFor("example.test");
        for (var i = 0; i < 40; i++)
        {
            _network.Dns.Srv("_matrix-fed._tcp.example.test", $"t{i}.example.test", _silent.Port, priority: i).A($"t{i}.example.test", IPAddress.Loopback);
        }

        return _network;
    }
}
