using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Delegation.Table;

namespace Delegation.Tests.Cli.Check;

/// <summary>
/// <c>delegation serve</c> over HTTPS behind the test CA, fed by Azurite, plus a stub homeserver, checked by
/// <c>delegation check</c> through the command line with <c>--resolve</c>, <c>--dns</c> and <c>--ca-cert</c>.
/// </summary>
public sealed class CheckEndToEndTests(ITestOutputHelper output)
{
    private const string Support = """{"contacts":[{"role":"m.role.admin","matrix_id":"@admin:good.test","email_address":"admin@good.test"}]}""";

    [Fact]
    public async Task Check_ServeOverHttpsWithStubHomeserver_IsAllGreen()
    {
        await using var setup = await SetupAsync();

        var (exitCode, stdout, stderr) = await CliRun.InvokeAsync(["check", "good.test", .. setup.Arguments]);

        output.WriteLine(stdout);
        Assert.True(exitCode == 0, $"{stdout}{stderr}{Environment.NewLine}homeserver's Kestrel:{Environment.NewLine}{setup.Homeserver.ServerLog}");
        Assert.Contains("Server discovery (federation): OK", stdout, StringComparison.Ordinal);
        Assert.Contains("Client discovery: OK", stdout, StringComparison.Ordinal);
        Assert.Contains("Support document: OK", stdout, StringComparison.Ordinal);
        Assert.Contains("Federation with good.test would work.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ServeProcessWithPemCertificate_IsGreenFromCheckProcess()
    {
        await using var setup = await SetupAsync();
        var (certificatePem, keyPem) = TestCertificates.WritePem(TestCertificates.Issue("good.test"));
        await using var serve = await DelegationProcess.StartServeAsync(["--certificate", certificatePem, "--certificate-key", keyPem, "--connection-string", setup.ConnectionString, "--table", setup.Table], "https://127.0.0.1:0");
        var port = serve.BaseAddress.Port;
        var arguments = setup.Arguments.Select(a => a.StartsWith("good.test:443:", StringComparison.Ordinal) ? $"good.test:443:127.0.0.1:{port}" : a).ToList();

        var (exitCode, stdout, stderr) = await DelegationProcess.RunAsync(["check", "good.test", .. arguments]);

        output.WriteLine(stdout);
        Assert.True(exitCode == 0, stdout + stderr);
        Assert.Equal("https", serve.BaseAddress.Scheme);
        Assert.Contains("Federation with good.test would work.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_BrokenDelegation_ExitsOneAndExplains()
    {
        await using var setup = await SetupAsync();

        var (exitCode, stdout, _) = await CliRun.InvokeAsync(["check", "broken.test", .. setup.Arguments]);

        output.WriteLine(stdout);
        Assert.Equal(1, exitCode);
        Assert.Contains("Federation with broken.test would FAIL: hs.broken.test:8448: TLS: the certificate is not valid for 'hs.broken.test'", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAll_Table_SummarisesEveryDomain()
    {
        await using var setup = await SetupAsync();

        var (exitCode, stdout, stderr) = await CliRun.InvokeAsync(["check", "--all", "--connection-string", setup.ConnectionString, "--table", setup.Table, .. setup.Arguments]);

        output.WriteLine(stdout);
        output.WriteLine(stderr);
        Assert.Equal(1, exitCode);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("Domain", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("good.test", StringComparison.Ordinal) && l.Contains("  OK      OK      OK       -", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("broken.test", StringComparison.Ordinal) && l.Contains("FAIL", StringComparison.Ordinal));
        Assert.Contains("skipped *.wild.test", stderr, StringComparison.Ordinal);
        Assert.Contains("[2/2]", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_Json_CarriesVerdictsAndSteps()
    {
        await using var setup = await SetupAsync();

        var (exitCode, stdout, _) = await CliRun.InvokeAsync(["check", "good.test", "--json", .. setup.Arguments]);

        output.WriteLine(stdout);
        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("good.test", json.RootElement.GetProperty("domain").GetString());
        Assert.True(json.RootElement.GetProperty("federationWorks").GetBoolean());
        Assert.Equal("Ok", json.RootElement.GetProperty("server").GetProperty("verdict").GetString());
        var steps = json.RootElement.GetProperty("server").GetProperty("steps");
        Assert.Contains(steps.EnumerateArray(), s => s.GetProperty("name").GetString() == "federation" && s.GetProperty("status").GetString() == "Ok");
    }

    [Theory]
    [InlineData(new[] { "check" }, "Give one domain, or --all")]
    [InlineData(new[] { "check", "a.test", "--resolve", "a.test:443" }, "--resolve 'a.test:443' is invalid")]
    [InlineData(new[] { "check", "a.test", "--dns", "dns.example" }, "--dns 'dns.example' is invalid")]
    [InlineData(new[] { "check", "a.test", "--ca-cert", "/nonexistent/ca.pem" }, "--ca-cert '/nonexistent/ca.pem' cannot be read")]
    [InlineData(new[] { "check", "a.test", "--timeout", "0" }, "--timeout '0' is invalid")]
    [InlineData(new[] { "serve", "--certificate-key", "key.pem" }, "--certificate-key needs --certificate.")]
    [InlineData(new[] { "serve", "--urls", "https://127.0.0.1:0", "--certificate", "/nonexistent/cert.pem" }, "--certificate '/nonexistent/cert.pem' cannot be loaded")]
    public async Task Check_BadOptions_ExitWithUsage(string[] args, string expected)
    {
        var (exitCode, _, stderr) = await CliRun.InvokeAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DelegationChecks__DomainTimeoutSeconds", "10", "DelegationChecks__DomainTimeoutSeconds '10' is invalid: it must be at least --timeout (30 s), since one request may take that long, and at most 3600 seconds.")]
    [InlineData("DelegationChecks__SlowDocumentSeconds", "0", "Setting DelegationChecks__SlowDocumentSeconds '0' is invalid: it must be above 0.")]
    public async Task Check_InvalidCheckSetting_ExitsWithUsageNamingIt(string setting, string value, string expected)
    {
        var (exitCode, _, stderr) = await DelegationProcess.RunAsync(["check", "a.test"], new Dictionary<string, string> { [setting] = value });

        Assert.Equal(2, exitCode);
        Assert.Equal(expected, stderr.Trim());
    }

    [Fact]
    public async Task Check_ViaServeOverHttp_FetchesWithTheDomainAsHostThenChecksTheHomeserverAsUsual()
    {
        await using var setup = await SetupAsync();
        await using var serve = await ServingHost.StartAsync(setup.ConnectionString, setup.Table);
        var via = serve.Origin;

        var (exitCode, stdout, stderr) = await CliRun.InvokeAsync(
            ["check", "good.test", "--via", via, "--connection-string", setup.ConnectionString, "--table", setup.Table, .. WithoutPin(setup.Arguments, "good.test:443:")]);

        output.WriteLine(stdout);
        Assert.True(exitCode == 0, stdout + stderr);
        Assert.Equal(3, stdout.Split('\n').Count(line => line.Trim() == $"fetched via {via} (Host: good.test)"));
        Assert.Contains("[ok]   drift: serves m.server hs.good.test:8448, as its row says", stdout, StringComparison.Ordinal);
        Assert.Contains("Federation with good.test would work.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ViaServe_HomeserverOnLoopbackIsStillRefused()
    {
        await using var setup = await SetupAsync();
        using var trap = new LoopbackListener(holdOpen: false);
        await new TableDelegationStore(new Azure.Data.Tables.TableClient(setup.ConnectionString, setup.Table))
            .TryAddAsync(new DelegationRow("trap.test") { Server = $"127.0.0.1:{trap.Port}" }, TestContext.Current.CancellationToken);
        await using var serve = await ServingHost.StartAsync(setup.ConnectionString, setup.Table);

        var (exitCode, stdout, _) = await CliRun.InvokeAsync(["check", "trap.test", "--via", serve.Origin, .. setup.Arguments]);

        output.WriteLine(stdout);
        Assert.Equal(1, exitCode);
        Assert.Contains($"[ok]   server well-known: m.server is 127.0.0.1:{trap.Port}", stdout, StringComparison.Ordinal);
        Assert.Contains($"[FAIL] federation: 127.0.0.1:{trap.Port}: refused: 127.0.0.1 is a loopback address", stdout, StringComparison.Ordinal);
        Assert.Equal(0, trap.Connections);
    }

    [Fact]
    public async Task Check_ViaHttpsOrigin_ChecksTheCertificateForTheDomain()
    {
        await using var setup = await SetupAsync();
        var via = setup.Serve.Origin;

        var good = await CliRun.InvokeAsync(["check", "good.test", "--via", via, .. WithoutPin(setup.Arguments, "good.test:443:")]);
        var other = await CliRun.InvokeAsync(["check", "other.test", "--via", via, .. setup.Arguments]);

        output.WriteLine(good.Output + other.Output);
        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.Contains($"fetched via {via} (Host: good.test)", good.Output, StringComparison.Ordinal);
        Assert.Equal(1, other.ExitCode);
        Assert.Contains($"GET https://other.test/.well-known/matrix/server via {via}: TLS: the certificate is not valid for 'other.test'", other.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/path")]
    [InlineData("http://127.0.0.1:8080/?x=1")]
    [InlineData("http://admin@127.0.0.1:8080")]
    [InlineData("ftp://127.0.0.1")]
    [InlineData("127.0.0.1:8080")]
    public async Task Check_ViaNotAnOrigin_OneLineAndUsageStatus(string via)
    {
        var (exitCode, stdout, stderr) = await CliRun.InvokeAsync(["check", "good.test", "--via", via]);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal($"--via '{via}' is invalid: it must be an http:// or https:// origin without a path, query or user name, like http://127.0.0.1:8080.{Environment.NewLine}", stderr);
    }

    // The arguments without the --resolve pin that starts with hostPort: --via has to find the service on its own.
    private static string[] WithoutPin(string[] arguments, string hostPort) =>
        [.. arguments.Where((a, i) => !a.StartsWith(hostPort, StringComparison.Ordinal) && !(a == "--resolve" && arguments[i + 1].StartsWith(hostPort, StringComparison.Ordinal)))];

    private static async Task<Setup> SetupAsync()
    {
        var azurite = await Azurite.Shared;
        var table = await azurite.CreateTableAsync("check");
        var store = new TableDelegationStore(table);
        await store.TryAddAsync(new DelegationRow("good.test") { Server = "hs.good.test:8448", ClientBaseUrl = "https://hs.good.test", Support = Support });
        await store.TryAddAsync(new DelegationRow("broken.test") { Server = "hs.broken.test:8448", ClientBaseUrl = "https://hs.broken.test/" });
        await store.TryAddAsync(new DelegationRow("*.wild.test") { Server = "hs.good.test:8448" });

        var (certificatePem, keyPem) = TestCertificates.WritePem(TestCertificates.Issue("good.test", "broken.test"));
        var serve = await ServingHost.StartAsync(azurite.ConnectionString, table.Name, certificate: X509Certificate2.CreateFromPemFile(certificatePem, keyPem));
        var servePort = serve.BaseAddress.Port;

        var homeserver = await TestHttpsServer.StartAsync();
        homeserver.ValidFor("hs.good.test").Certificate("hs.broken.test", TestCertificates.Issue("hs.good.test"))
            .Homeserver("hs.good.test:8448").Homeserver("hs.broken.test:8448")
            .Json("hs.good.test", "/_matrix/client/versions", """{"versions":["v1.11","v1.12","v1.13"]}""", 200, ("Access-Control-Allow-Origin", "*"));
        var dns = new TestDnsServer();
        string[] arguments =
        [
            "--resolve", $"good.test:443:127.0.0.1:{servePort}",
            "--resolve", $"broken.test:443:127.0.0.1:{servePort}",
            "--resolve", $"hs.good.test:8448:127.0.0.1:{homeserver.Port}",
            "--resolve", $"hs.good.test:443:127.0.0.1:{homeserver.Port}",
            "--resolve", $"hs.broken.test:8448:127.0.0.1:{homeserver.Port}",
            "--resolve", $"hs.broken.test:443:127.0.0.1:{homeserver.Port}",
            "--dns", dns.EndPoint.ToString(),
            "--ca-cert", TestCertificates.AuthorityPemFile,
            // Generous: the first answer of a freshly started serve process pays for its JIT and the first table read, which
            // took over 5 s on a loaded 2-core machine; no test here fails by timing out.
            "--timeout", "20",
        ];
        return new Setup(azurite.ConnectionString, table.Name, arguments, serve, homeserver, dns);
    }

    private sealed record Setup(string ConnectionString, string Table, string[] Arguments, ServingHost Serve, TestHttpsServer Homeserver, TestDnsServer Dns) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Serve.DisposeAsync();
            await Homeserver.DisposeAsync();
            Dns.Dispose();
        }
    }
}
