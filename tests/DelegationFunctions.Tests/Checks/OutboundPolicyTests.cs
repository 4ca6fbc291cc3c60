using System.Net;
using Delegation.Checks;

namespace Delegation.Tests.Checks;

/// <summary>
/// What a customer names must not reach the engine's own network: a loopback trap counts every connection, and sees
/// none unless the operator opts in.
/// </summary>
public sealed class OutboundPolicyTests : IDisposable
{
    private readonly LoopbackListener _trap = new(holdOpen: false);

    [Fact]
    public async Task CheckAsync_WellKnownNamesLoopbackLiteral_RefusesFederationStep()
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("example.test", 443).Server.ValidFor("example.test")
            .Json("example.test", Scenario.ServerWellKnown, $$"""{"m.server":"127.0.0.1:{{_trap.Port}}"}""");

        var report = await network.CheckAsync("example.test");

        var federation = Assert.Single(report.Server.Steps, s => s.Name == "federation");
        Assert.Equal(StepStatus.Fail, federation.Status);
        Assert.Equal($"127.0.0.1:{_trap.Port}: refused: 127.0.0.1 is a loopback address", federation.Summary);
        Assert.Equal(0, _trap.Connections);
    }

    [Fact]
    public async Task CheckAsync_DnsAndSrvLeadToLoopback_RefusesEachAddress()
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("example.test", 443).Server.ValidFor("example.test")
            .Json("example.test", Scenario.ServerWellKnown, """{"m.server":"matrix.example.test"}""")
            .Json("example.test", Scenario.ClientWellKnown, $$$"""{"m.homeserver":{"base_url":"https://mapped.example.test:{{{_trap.Port}}}"}}""", 200, Scenario.Cors);
        network.Dns.Srv("_matrix-fed._tcp.matrix.example.test", "trap.example.test", _trap.Port)
            .A("trap.example.test", IPAddress.Loopback)
            .A("mapped.example.test", IPAddress.Parse("::ffff:127.0.0.1"));

        var report = await network.CheckAsync("example.test");

        Assert.Contains(report.Server.Steps, s => s.Name == "federation" && s.Status == StepStatus.Fail && s.Summary == $"trap.example.test:{_trap.Port}: refused: 127.0.0.1 is a loopback address");
        Assert.Contains(report.Client.Steps, s => s.Name == "homeserver" && s.Status == StepStatus.Fail && s.Summary.Contains("refused: ::ffff:127.0.0.1 is a loopback address", StringComparison.Ordinal));
        Assert.Equal(0, _trap.Connections);
    }

    [Fact]
    public async Task CheckAsync_BaseUrlOnLoopback_RefusesHomeserverStep()
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("example.test", 443).Server.ValidFor("example.test")
            .Json("example.test", Scenario.ClientWellKnown, $$$"""{"m.homeserver":{"base_url":"http://127.0.0.1:{{{_trap.Port}}}/internal-admin"}}""", 200, Scenario.Cors);

        var report = await network.CheckAsync("example.test");

        var homeserver = Assert.Single(report.Client.Steps, s => s.Name == "homeserver");
        Assert.Equal($"GET http://127.0.0.1:{_trap.Port}/internal-admin/_matrix/client/versions: refused: 127.0.0.1 is a loopback address (FAIL_ERROR)", homeserver.Summary);
        Assert.Equal(0, _trap.Connections);
    }

    [Theory]
    [InlineData("http://www.example.test:{0}/.well-known/matrix/server", "from https to plain http, which is not followed")]
    [InlineData("https://127.0.0.1:{0}/.well-known/matrix/server", "refused: 127.0.0.1 is a loopback address")]
    public async Task CheckAsync_RedirectToTheTrap_FailsTheWellKnownStep(string location, string expected)
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("example.test", 443).Server.ValidFor("example.test")
            .Redirect("example.test", Scenario.ServerWellKnown, string.Format(System.Globalization.CultureInfo.InvariantCulture, location, _trap.Port));
        network.Dns.A("www.example.test", IPAddress.Loopback);

        var report = await network.CheckAsync("example.test");

        var wellKnown = Assert.Single(report.Server.Steps, s => s.Name == "server well-known");
        Assert.Equal(StepStatus.Fail, wellKnown.Status);
        Assert.Contains(expected, wellKnown.Summary, StringComparison.Ordinal);
        Assert.Equal(0, _trap.Connections);
    }

    [Fact]
    public async Task CheckAsync_OptedIn_ReachesTheTrap()
    {
        await using var network = (await CheckNetwork.StartAsync()).AllowingPrivateAddresses();
        network.Pin("example.test", 443).Server.ValidFor("example.test")
            .Json("example.test", Scenario.ServerWellKnown, $$"""{"m.server":"127.0.0.1:{{_trap.Port}}"}""");

        var report = await network.CheckAsync("example.test");

        Assert.DoesNotContain(report.Server.Steps, s => s.Summary.Contains("refused", StringComparison.Ordinal));
        Assert.True(_trap.Connections > 0, "the trap counts connections when the policy lets them through");
    }

    public void Dispose() => _trap.Dispose();
}
