using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Delegation.Cli;

namespace Delegation.Tests.Cli.Check;

/// <summary>
/// Path mode end to end: a customer's website redirects its well-known paths to <c>delegation serve</c> on the
/// provider's host; <c>delegation check</c> (the command line, in-process) and a real HttpClient follow it.
/// </summary>
public sealed class RedirectEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Check_RedirectWithCorsToServePathMode_PassesAndReportsEachHop()
    {
        await using var setup = await RedirectSetup.StartAsync();
        setup.RedirectToProvider();

        var (exitCode, stdout, stderr) = await RunAsync(setup);

        Assert.True(exitCode == 0, stdout + stderr);
        Assert.Contains("Server discovery (federation): OK", stdout, StringComparison.Ordinal);
        Assert.Contains("Client discovery: OK", stdout, StringComparison.Ordinal);
        Assert.Contains("Support document: OK", stdout, StringComparison.Ordinal);
        Assert.Contains($"m.server is hs.example.test:8448 (redirected to {RedirectSetup.PathModeUrl("example.test", "server")})", stdout, StringComparison.Ordinal);
        Assert.Contains($"https://example.test/.well-known/matrix/server answered 301 -> {RedirectSetup.PathModeUrl("example.test", "server")}", stdout, StringComparison.Ordinal);
        Assert.Contains($"https://example.test/.well-known/matrix/client answered 301 -> {RedirectSetup.PathModeUrl("example.test", "client")} (Access-Control-Allow-Origin: *)", stdout, StringComparison.Ordinal);
        Assert.Contains("Federation with example.test would work.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpClient_FollowingTheRedirect_GetsTheDocumentWithCorsOnEveryHop()
    {
        await using var setup = await RedirectSetup.StartAsync();
        setup.RedirectToProvider();
        var url = new Uri("https://example.test/.well-known/matrix/client");
        using var following = CreateClient(setup, allowAutoRedirect: true);
        using var single = CreateClient(setup, allowAutoRedirect: false);

        using var redirect = await single.GetAsync(url, TestContext.Current.CancellationToken);
        using var response = await following.GetAsync(url, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal(RedirectSetup.PathModeUrl("example.test", "client"), redirect.Headers.Location?.AbsoluteUri);
        Assert.Equal("*", Assert.Single(redirect.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RedirectSetup.PathModeUrl("example.test", "client"), response.RequestMessage?.RequestUri?.AbsoluteUri);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("""{"m.homeserver":{"base_url":"https://hs.example.test"}}""", body);
    }

    [Fact]
    public async Task Check_ClientRedirectWithoutCors_FailsClientDiscovery()
    {
        await using var setup = await RedirectSetup.StartAsync();
        setup.RedirectToProvider(cors: false);

        var (exitCode, stdout, _) = await RunAsync(setup);

        Assert.Equal(0, exitCode);
        Assert.Contains("Client discovery: FAIL", stdout, StringComparison.Ordinal);
        Assert.Contains("https://example.test/.well-known/matrix/client redirects (301) without Access-Control-Allow-Origin: web clients such as Element Web cannot follow the redirect, so client discovery fails in a browser", stdout, StringComparison.Ordinal);
        Assert.Contains("Support document: WARN", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_RedirectLoop_FailsWithTheLoop()
    {
        await using var setup = await RedirectSetup.StartAsync();
        foreach (var document in RedirectSetup.Documents)
        {
            var path = $"/.well-known/matrix/{document}";
            setup.Website.Redirect("example.test", path, $"https://www.example.test{path}", 301)
                .Redirect("www.example.test", path, $"https://example.test{path}", 301);
        }

        var (exitCode, stdout, _) = await RunAsync(setup);

        Assert.Equal(1, exitCode);
        Assert.Contains("redirect loop: https://example.test/.well-known/matrix/server -> https://www.example.test/.well-known/matrix/server -> https://example.test/.well-known/matrix/server", stdout, StringComparison.Ordinal);
        Assert.Contains("Client discovery: FAIL", stdout, StringComparison.Ordinal);
        Assert.Contains("redirect loop: https://example.test/.well-known/matrix/client", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_RedirectToAnotherDomainsPath_Fails()
    {
        await using var setup = await RedirectSetup.StartAsync();
        setup.RedirectToProvider(pathDomain: "other.test");

        var (exitCode, stdout, _) = await RunAsync(setup);

        Assert.Equal(1, exitCode);
        Assert.Contains($"Federation with example.test would FAIL: the redirect leads to {RedirectSetup.PathModeUrl("other.test", "server")}, the path-mode URL of other.test, not of example.test: homeservers would take that domain's m.server for this one; the redirect must name /example.test/", stdout, StringComparison.Ordinal);
        Assert.Contains("Client discovery: FAIL", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("m.server is hs.other.test", stdout, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(RedirectSetup setup)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await DelegationCommand.InvokeAsync(["check", RedirectSetup.Domain, .. setup.Network.Arguments()], stdout, stderr);
        output.WriteLine(stdout.ToString());
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>An ordinary HttpClient that trusts the test authority and reaches the test servers by name.</summary>
    private static HttpClient CreateClient(RedirectSetup setup, bool allowAutoRedirect)
    {
        var ports = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
        {
            [RedirectSetup.Domain] = setup.Website.Port,
            [RedirectSetup.Provider] = setup.ServePort,
        };
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(TestCertificates.Authority);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = allowAutoRedirect,
            UseProxy = false,
            SslOptions = { CertificateChainPolicy = policy },
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(IPAddress.Loopback, ports[context.DnsEndPoint.Host], cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        return new HttpClient(handler);
    }
}
