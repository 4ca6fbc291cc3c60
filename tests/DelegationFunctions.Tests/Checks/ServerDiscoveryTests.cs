using System.Net;
using Delegation.Checks;

namespace Delegation.Tests.Checks;

public sealed class ServerDiscoveryTests
{
    private const string WellKnown = "/.well-known/matrix/server";

    [Fact]
    public async Task Check_WellKnownWithPort_ConnectsToDelegatedHostAndPort()
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("example.test", 443).Pin("matrix.example.test", 8448);
        network.Server.ValidFor("example.test", "matrix.example.test")
            .Json("example.test", WellKnown, """{"m.server":"matrix.example.test:8448"}""")
            .Homeserver("matrix.example.test:8448");

        var report = await network.CheckAsync("example.test");

        Assert.Equal(Verdict.Ok, report.Server.Verdict);
        Assert.Contains(report.Server.Steps, s => s.Name == "federation" && s.Summary.StartsWith("Synapse 1.140.0 answers", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Server.Steps, s => s.Name == "SRV");
        Assert.Contains("matrix.example.test:8448 /_matrix/federation/v1/version", network.Server.Requests);
    }

    [Fact]
    public async Task Check_WellKnownWithoutPort_UsesMatrixFedSrvAndDelegatedName()
    {
        // The test DNS server answers with loopback addresses: opt in, as an intranet deployment would.
        await using var network = (await CheckNetwork.StartAsync()).AllowingPrivateAddresses();
        network.Pin("example.test", 443);
        network.Dns.Srv("_matrix-fed._tcp.matrix.example.test", "hs.example.test", network.Server.Port).A("hs.example.test", IPAddress.Loopback);
        network.Server.ValidFor("example.test", "matrix.example.test")
            .Json("example.test", WellKnown, """{"m.server":"matrix.example.test"}""")
            .Homeserver("matrix.example.test");

        var report = await network.CheckAsync("example.test");

        Assert.Equal(Verdict.Ok, report.Server.Verdict);
        Assert.Contains(report.Server.Steps, s => s.Name == "SRV" && s.Status == StepStatus.Ok && s.Summary == "found _matrix-fed._tcp.matrix.example.test");
        Assert.Contains("matrix.example.test /_matrix/federation/v1/version", network.Server.Requests);
    }

    [Fact]
    public async Task Check_OnlyDeprecatedMatrixSrv_WorksWithWarning()
    {
        // The test DNS server answers with loopback addresses: opt in, as an intranet deployment would.
        await using var network = (await CheckNetwork.StartAsync()).AllowingPrivateAddresses();
        network.Pin("example.test", 443);
        network.Dns.Srv("_matrix._tcp.matrix.example.test", "hs.example.test", network.Server.Port).A("hs.example.test", IPAddress.Loopback);
        network.Server.ValidFor("example.test", "matrix.example.test")
            .Json("example.test", WellKnown, """{"m.server":"matrix.example.test"}""")
            .Homeserver("matrix.example.test");

        var report = await network.CheckAsync("example.test");

        Assert.Equal(Verdict.Warn, report.Server.Verdict);
        Assert.True(report.FederationWorks);
        Assert.Contains(report.Server.Steps, s => s.Name == "SRV" && s.Status == StepStatus.Warn && s.Summary.Contains("deprecated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_WellKnownWithoutPortAndNoSrv_FallsBackTo8448()
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("example.test", 443).Pin("matrix.example.test", 8448);
        network.Server.ValidFor("example.test", "matrix.example.test")
            .Json("example.test", WellKnown, """{"m.server":"matrix.example.test"}""")
            .Homeserver("matrix.example.test");

        var report = await network.CheckAsync("example.test");

        Assert.Equal(Verdict.Ok, report.Server.Verdict);
        Assert.Contains(report.Server.Steps, s => s.Name == "SRV" && s.Summary == "no SRV records: connecting to matrix.example.test:8448");
        Assert.Contains("_matrix-fed._tcp.matrix.example.test 33", network.Dns.Questions);
        Assert.Contains("_matrix._tcp.matrix.example.test 33", network.Dns.Questions);
    }

    [Fact]
    public async Task Check_NoWellKnown_UsesSrvOfOriginalNameAndItsCertificate()
    {
        // The test DNS server answers with loopback addresses: opt in, as an intranet deployment would.
        await using var network = (await CheckNetwork.StartAsync()).AllowingPrivateAddresses();
        network.Pin("example.test", 443);
        network.Dns.Srv("_matrix-fed._tcp.example.test", "hs.example.test", network.Server.Port).A("hs.example.test", IPAddress.Loopback);
        network.Server.ValidFor("example.test").Homeserver("example.test");

        var report = await network.CheckAsync("example.test");

        Assert.Equal(Verdict.Ok, report.Server.Verdict);
        Assert.Contains(report.Server.Steps, s => s.Name == "server well-known" && s.Status == StepStatus.Info && s.Summary.Contains("answered 404", StringComparison.Ordinal));
        Assert.Contains(report.Server.Steps, s => s.Name == "federation" && s.Details.Any(d => d.StartsWith("certificate for example.test;", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task Check_WellKnownRedirect_IsFollowed(int status)
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("example.test", 443).Pin("www.example.test", 443).Pin("matrix.example.test", 8448);
        network.Server.ValidFor("example.test", "www.example.test", "matrix.example.test")
            .Redirect("example.test", WellKnown, "https://www.example.test/.well-known/matrix/server", status)
            .Json("www.example.test", WellKnown, """{"m.server":"matrix.example.test:8448"}""")
            .Homeserver("matrix.example.test:8448");

        var report = await network.CheckAsync("example.test");

        Assert.Equal(Verdict.Ok, report.Server.Verdict);
        var wellKnown = Assert.Single(report.Server.Steps, s => s.Name == "server well-known");
        Assert.Contains($"https://example.test/.well-known/matrix/server answered {status} -> https://www.example.test/.well-known/matrix/server", wellKnown.Details);
    }

    [Fact]
    public async Task Check_RedirectLoop_IsReportedAndFallsThrough()
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("example.test", 443).Pin("example.test", 8448);
        network.Server.ValidFor("example.test")
            .Redirect("example.test", WellKnown, "/loop")
            .Redirect("example.test", "/loop", WellKnown)
            .Homeserver("example.test");

        var report = await network.CheckAsync("example.test");

        var wellKnown = Assert.Single(report.Server.Steps, s => s.Name == "server well-known");
        Assert.Equal(StepStatus.Warn, wellKnown.Status);
        Assert.Contains("redirect loop: https://example.test/.well-known/matrix/server -> https://example.test/loop -> https://example.test/.well-known/matrix/server", wellKnown.Summary, StringComparison.Ordinal);
        Assert.True(report.FederationWorks);
    }

    [Fact]
    public async Task Check_TooManyRedirects_IsReported()
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("example.test", 443);
        network.Server.ValidFor("example.test").Route("example.test", WellKnown, Hop(0));
        for (var i = 0; i < 20; i++)
        {
            network.Server.Route("example.test", $"/hop{i}", Hop(i + 1));
        }

        var report = await network.CheckAsync("example.test");

        var wellKnown = Assert.Single(report.Server.Steps, s => s.Name == "server well-known");
        Assert.Contains("too many redirects: gave up after 10 hops", wellKnown.Summary, StringComparison.Ordinal);
        Assert.Equal(Verdict.Fail, report.Server.Verdict);

        static Microsoft.AspNetCore.Http.RequestDelegate Hop(int next) => context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = $"/hop{next}";
            return Task.CompletedTask;
        };
    }
}
