using Delegation.Checks;
using Microsoft.Extensions.Time.Testing;

namespace Delegation.Tests.Checks;

/// <summary>Documents no sane server sends: each must end as one domain's failing step, never as an exception.</summary>
public sealed class HostileDocumentTests
{
    [Fact]
    public async Task CheckAsync_BaseUrlHostWithZeroWidthJoiner_FailsTheHomeserverStep()
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("zwj.test", 443);
        network.Server.ValidFor("zwj.test")
            .Json("zwj.test", Scenario.ClientWellKnown, "{\"m.homeserver\":{\"base_url\":\"https://a\u200d.crash.test\"}}", 200, Scenario.Cors);

        var report = await network.CheckAsync("zwj.test");

        var homeserver = Assert.Single(report.Client.Steps, s => s.Name == "homeserver");
        Assert.Equal(StepStatus.Fail, homeserver.Status);
        Assert.Contains("is not a valid internationalised domain name", homeserver.Summary, StringComparison.Ordinal);
        Assert.Equal(Verdict.Fail, report.Client.Verdict);
    }

    [Fact]
    public async Task CheckAsync_RedirectLocationWithRawSoftHyphenByte_EndsTheFetchWithTheReason()
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("shy.test", 443);
        network.Server.ValidFor("shy.test")
            .Redirect("shy.test", Scenario.ServerWellKnown, "https://\u00ad.crash.test/.well-known/matrix/server");

        var report = await network.CheckAsync("shy.test");

        var wellKnown = Assert.Single(report.Server.Steps, s => s.Name == "server well-known");
        Assert.Equal(StepStatus.Warn, wellKnown.Status);
        Assert.Contains("answered 302 with Location", wellKnown.Summary, StringComparison.Ordinal);
        Assert.Contains("which is not a usable http(s) URL", wellKnown.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_EngineThrows_EachSectionFailsWithTheReason()
    {
        using var checker = new DelegationChecker(new CheckSettings(), new BrokenClock());

        var report = await checker.CheckAsync("example.test", TestContext.Current.CancellationToken);

        Assert.All([report.Server, report.Client, report.Support], section =>
        {
            Assert.Equal(Verdict.Fail, section.Verdict);
            Assert.Equal($"the {section.Name} check stopped on an unexpected error: InvalidOperationException: the clock broke", section.FirstProblem);
        });
    }

    [Fact]
    public async Task CheckAsync_ControlCharactersAndHugeHeader_AreEscapedAndCappedInEverySummary()
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("ansi.test", 443);
        network.Server.ValidFor("ansi.test")
            .Json("ansi.test", Scenario.ServerWellKnown, "{\"m.server\":\"\\u001b]0;owned\\u0007\\u001b[2J\\r\\nhs\"}", 200, ("Content-Type", new string('t', 60_000)));

        var report = await network.CheckAsync("ansi.test");

        var texts = new[] { report.Server, report.Client, report.Support }.SelectMany(s => s.Steps).SelectMany(s => s.Details.Prepend(s.Summary)).ToList();
        Assert.All(texts, t => Assert.DoesNotContain(t, char.IsControl));
        Assert.All(texts, t => Assert.True(t.Length <= CustomerText.MaxMessage + 40, $"{t.Length} characters"));
        Assert.Contains(report.Server.Steps, s => s.Summary.StartsWith("m.server '\\x1b]0;owned\\x07\\x1b[2J\\x0d\\x0ahs' is not a valid server name", StringComparison.Ordinal));
        Assert.Contains($"200, 50 bytes, Content-Type: {new string('t', 200)}… (59800 more characters)", texts);
    }

    [Fact]
    public async Task CheckAsync_SrvTargetThatIsNoHostName_FailsTheSrvStep()
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("example.test", 443).Server.ValidFor("example.test");
        network.Dns.Srv("_matrix-fed._tcp.example.test", "bad target.example.test", 8448);

        var report = await network.CheckAsync("example.test");

        var srv = Assert.Single(report.Server.Steps, s => s.Name == "SRV");
        Assert.Equal(StepStatus.Fail, srv.Status);
        Assert.StartsWith("SRV _matrix-fed._tcp.example.test has no valid target: 'bad", srv.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_ManySrvTargets_TriesOnlyTheFirstEight()
    {
        await using var network = (await CheckNetwork.StartAsync()).AllowingPrivateAddresses();
        network.Pin("example.test", 443).Server.ValidFor("example.test");
        for (var i = 0; i < 12; i++)
        {
            network.Dns.Srv("_matrix-fed._tcp.example.test", $"t{i}.example.test", ReservedPorts.RefusingTcp, priority: i).A($"t{i}.example.test", System.Net.IPAddress.Loopback);
        }

        var report = await network.CheckAsync("example.test");

        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"t{i}.example.test:{ReservedPorts.RefusingTcp}"), report.Server.Steps.Where(s => s.Name == "federation").Select(s => s.Summary.Split(": ")[0]));
        Assert.Contains("4 more targets not tried (the check tries at most 8, in priority order)", Assert.Single(report.Server.Steps, s => s.Name == "SRV").Details);
    }

    /// <summary>A clock that fails when the engine reads it: stands for any defect the engine does not expect.</summary>
    private sealed class BrokenClock : FakeTimeProvider
    {
        public override long GetTimestamp() => throw new InvalidOperationException("the clock broke");
    }
}
