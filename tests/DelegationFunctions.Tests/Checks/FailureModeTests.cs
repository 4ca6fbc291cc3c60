using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Delegation.Checks;

namespace Delegation.Tests.Checks;

public sealed class FailureModeTests
{
    private const string WellKnown = "/.well-known/matrix/server";

    [Fact]
    public async Task Check_CertificateForWrongName_FailsNamingBoth()
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("example.test", 443).Pin("matrix.example.test", 8448);
        network.Server.ValidFor("example.test").Certificate("matrix.example.test", TestCertificates.Issue("other.test"))
            .Json("example.test", WellKnown, """{"m.server":"matrix.example.test:8448"}""")
            .Homeserver("matrix.example.test:8448");

        var report = await network.CheckAsync("example.test");

        Assert.Equal(Verdict.Fail, report.Server.Verdict);
        Assert.Contains("the certificate is not valid for 'matrix.example.test': it names other.test", report.Server.FirstProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ExpiredCertificate_FailsWithDate()
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("matrix.example.test", 8448);
        var expired = TestCertificates.Issue(DateTimeOffset.UtcNow.AddDays(-20), DateTimeOffset.UtcNow.AddDays(-2), "matrix.example.test");
        network.Server.Certificate("matrix.example.test", expired).Homeserver("matrix.example.test:8448");

        var report = await network.CheckAsync("matrix.example.test:8448");

        Assert.Equal(Verdict.Fail, report.Server.Verdict);
        Assert.Contains($"the certificate expired on {expired.NotAfter.ToUniversalTime():yyyy-MM-dd}", report.Server.FirstProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_UntrustedAuthorityWithoutCaCert_Fails()
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Server.ValidFor("matrix.example.test").Homeserver("matrix.example.test:8448");
        using var checker = new DelegationChecker(new CheckSettings { Pins = [new ResolvePin("matrix.example.test", 8448, IPAddress.Loopback, network.Server.Port)], DnsServer = network.Dns.EndPoint });

        var report = await checker.CheckAsync("matrix.example.test:8448", TestContext.Current.CancellationToken);

        Assert.Contains("which is not a trusted certificate authority", report.Server.FirstProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_HangingServer_TimesOutWithinTimeout()
    {
        await using var network = await CheckNetwork.StartAsync();
        // Not 1 s: the timeout covers making the TLS connection too, which a loaded machine can take a second over, and
        // the check would then (rightly) report "could not connect" rather than the hang this test is about.
        network.Timeout = TimeSpan.FromSeconds(3);
        network.Pin("matrix.example.test", 8448);
        network.Server.ValidFor("matrix.example.test").Route("matrix.example.test:8448", "/_matrix/federation/v1/version", context => Task.Delay(Timeout.Infinite, context.RequestAborted));
        var clock = Stopwatch.StartNew();

        var report = await network.CheckAsync("matrix.example.test:8448");

        // The server never answers, so any answer shows the timeout works; the bound rules out one timeout per stage.
        Assert.True(clock.Elapsed < network.Timeout * 5, $"took {clock.Elapsed}");
        Assert.Contains("no answer from matrix.example.test:8448 within 3 s (the request timeout)", report.Server.FirstProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_SlowRedirectChain_SharesOneTimeout()
    {
        await using var network = await CheckNetwork.StartAsync();
        // Hops of 1.4 s under a 4 s timeout: at most three requests can start; a loaded machine only makes fewer, and
        // 4 s leaves room for the first TLS connection.
        network.Timeout = TimeSpan.FromSeconds(4);
        network.Pin("example.test", 443);
        network.Server.ValidFor("example.test");
        for (var i = 0; i < 8; i++)
        {
            var next = $"/slow{i + 1}";
            network.Server.Route("example.test", i == 0 ? WellKnown : $"/slow{i}", async context =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(1400), context.RequestAborted);
                context.Response.StatusCode = 302;
                context.Response.Headers.Location = next;
            });
        }

        var report = await network.CheckAsync("example.test");

        var wellKnown = Assert.Single(report.Server.Steps, s => s.Name == "server well-known");
        Assert.Contains("within 4 s (the request timeout)", wellKnown.Summary, StringComparison.Ordinal);
        Assert.InRange(network.Server.Requests.Count(r => r.StartsWith("example.test /slow", StringComparison.Ordinal)), 1, 3);
    }

    [Fact]
    public async Task Check_EndlessBody_StopsAt50KiB()
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("example.test", 443);
        network.Server.ValidFor("example.test").Route("example.test", WellKnown, async context =>
        {
            var chunk = new byte[8192];
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });

        var report = await network.CheckAsync("example.test");

        var wellKnown = Assert.Single(report.Server.Steps, s => s.Name == "server well-known");
        Assert.Contains("the body is larger than 50 KiB", wellKnown.Summary, StringComparison.Ordinal);
        Assert.Equal(Verdict.Fail, report.Server.Verdict);
    }

    [Fact]
    public async Task Check_GarbageInsteadOfTls_FailsHandshake()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var garbage = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            await client.GetStream().WriteAsync("HTTP/1.1 200 OK\r\n\r\nthis is not TLS"u8.ToArray());
        }, TestContext.Current.CancellationToken);
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var checker = new DelegationChecker(new CheckSettings { Pins = [new ResolvePin("matrix.example.test", 8448, IPAddress.Loopback, port)], RequestTimeoutSeconds = 5 });

        var report = await checker.CheckAsync("matrix.example.test:8448", TestContext.Current.CancellationToken);

        await garbage;
        Assert.Contains("TLS handshake with matrix.example.test:8448 (SNI matrix.example.test) failed", report.Server.FirstProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_UnreachableDnsServer_FailsSrvStep()
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("example.test", 443);
        using var checker = new DelegationChecker(new CheckSettings
        {
            Pins = [new ResolvePin("example.test", 443, IPAddress.Loopback, network.Server.Port)],
            DnsServer = ReservedPorts.SilentUdp,
            RequestTimeoutSeconds = 1,
            ExtraCertificateAuthorities = [TestCertificates.Authority],
        });
        network.Server.ValidFor("example.test");

        var report = await checker.CheckAsync("example.test", TestContext.Current.CancellationToken);

        var srv = Assert.Single(report.Server.Steps, s => s.Name == "SRV");
        Assert.Equal(StepStatus.Fail, srv.Status);
        Assert.Contains("did not answer SRV _matrix-fed._tcp.example.test", srv.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a domain!")]
    [InlineData("https://example.test")]
    [InlineData("example.test:0")]
    public async Task Check_InvalidName_FailsEverySection(string name)
    {
        using var checker = new DelegationChecker(new CheckSettings());

        var report = await checker.CheckAsync(name, TestContext.Current.CancellationToken);

        Assert.False(report.FederationWorks);
        Assert.All([report.Server, report.Client, report.Support], s => Assert.Equal(Verdict.Fail, s.Verdict));
        Assert.Contains($"'{name}' is not a valid server name", report.FirstProblem, StringComparison.Ordinal);
    }
}
