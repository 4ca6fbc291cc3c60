using System.Net;
using Delegation.Checks;

namespace Delegation.Tests.Checks;

public sealed class WellKnownContentTests
{
    private const string WellKnown = "/.well-known/matrix/server";

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("""["matrix.example.test"]""", "a JSON array, not an object")]
    [InlineData("{}", "no 'm.server'")]
    [InlineData("""{"m.server":8448}""", "'m.server' is a JSON number, not a string")]
    public async Task Check_UnusableDocument_FallsThroughToSrvOfOriginalName(string body, string expected)
    {
        // The test DNS server answers with loopback addresses: opt in, as an intranet deployment would.
        await using var network = (await CheckNetwork.StartAsync()).AllowingPrivateAddresses();
        network.Pin("example.test", 443);
        network.Dns.Srv("_matrix-fed._tcp.example.test", "hs.example.test", network.Server.Port).A("hs.example.test", IPAddress.Loopback);
        network.Server.ValidFor("example.test").Json("example.test", WellKnown, body).Homeserver("example.test");

        var report = await network.CheckAsync("example.test");

        var wellKnown = Assert.Single(report.Server.Steps, s => s.Name == "server well-known");
        Assert.Equal(StepStatus.Warn, wellKnown.Status);
        Assert.Contains(expected, wellKnown.Summary, StringComparison.Ordinal);
        Assert.Contains(report.Server.Steps, s => s.Name == "federation" && s.Status == StepStatus.Ok);
        Assert.True(report.FederationWorks);
    }

    [Theory]
    [InlineData("https://matrix.example.test")]
    [InlineData("matrix.example.test:99999")]
    public async Task Check_InvalidServerName_IsHardErrorWithoutSrv(string server)
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("example.test", 443);
        network.Dns.Srv("_matrix-fed._tcp.example.test", "hs.example.test", network.Server.Port).A("hs.example.test", IPAddress.Loopback);
        network.Server.ValidFor("example.test").Json("example.test", WellKnown, $$"""{"m.server":"{{server}}"}""").Homeserver("example.test");

        var report = await network.CheckAsync("example.test");

        Assert.Equal(Verdict.Fail, report.Server.Verdict);
        Assert.Contains($"m.server '{server}' is not a valid server name", report.Server.FirstProblem, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Server.Steps, s => s.Name is "SRV" or "federation");
    }

    [Fact]
    public async Task Check_BodyOver50KiB_IsRefused()
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("example.test", 443);
        var padding = new string(' ', 51 * 1024);
        network.Server.ValidFor("example.test").Json("example.test", WellKnown, $$"""{"m.server":"matrix.example.test:8448"{{padding}}}""");

        var report = await network.CheckAsync("example.test");

        var wellKnown = Assert.Single(report.Server.Steps, s => s.Name == "server well-known");
        Assert.Contains("the body is larger than 50 KiB", wellKnown.Summary, StringComparison.Ordinal);
        Assert.Equal(Verdict.Fail, report.Server.Verdict);
    }

    [Theory]
    [InlineData("no-store", "Cache-Control: no-store asks for 0 s; Synapse caches it 5 min (clamped to 5 min .. 48 h)")]
    [InlineData("public, max-age=14400", "Cache-Control: max-age=14400: Synapse caches it 4 h")]
    public async Task Check_ValidDocument_ReportsCacheLifetime(string cacheControl, string expected)
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("example.test", 443).Pin("matrix.example.test", 8448);
        network.Server.ValidFor("example.test", "matrix.example.test")
            .Json("example.test", WellKnown, """{"m.server":"matrix.example.test:8448"}""", 200, ("Cache-Control", cacheControl))
            .Homeserver("matrix.example.test:8448");

        var report = await network.CheckAsync("example.test");

        var wellKnown = Assert.Single(report.Server.Steps, s => s.Name == "server well-known");
        Assert.Contains($"cache lifetime: {expected}", wellKnown.Details);
    }
}
