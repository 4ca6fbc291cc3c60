using System.Net;
using Delegation.Checks;

namespace Delegation.Tests.Support;

/// <summary>One test's little internet: an HTTPS server, a DNS server and the pins that lead the check to them.</summary>
internal sealed class CheckNetwork : IAsyncDisposable
{
    private readonly List<ResolvePin> _pins = [];

    private CheckNetwork(TestHttpsServer server) => Server = server;

    public TestHttpsServer Server { get; }

    public TestDnsServer Dns { get; } = new();

    // Generous: the servers here answer at once, but a loaded 2-core CI machine can stall a request for seconds.
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Off unless a test opts in: DNS answers and IP literals naming loopback are then refused like any private
    /// address; pins are the operator's own and always allowed.
    /// </summary>
    public bool AllowPrivateAddresses { get; private set; }

    /// <summary>Opts in to loopback (and private) addresses learned from DNS or documents, which this network's DNS hands out.</summary>
    public CheckNetwork AllowingPrivateAddresses()
    {
        AllowPrivateAddresses = true;
        return this;
    }

    public static async Task<CheckNetwork> StartAsync() => new(await TestHttpsServer.StartAsync());

    /// <summary>Connections to host:port reach the test server (whatever port it really listens on).</summary>
    public CheckNetwork Pin(string host, int port)
    {
        _pins.Add(new ResolvePin(host, port, IPAddress.Loopback, Server.Port));
        return this;
    }

    /// <summary>Connections to host:port reach another loopback server listening on <paramref name="connectPort"/>.</summary>
    public CheckNetwork Pin(string host, int port, int connectPort)
    {
        _pins.Add(new ResolvePin(host, port, IPAddress.Loopback, connectPort));
        return this;
    }

    /// <summary>The arguments that give the same pins on the command line.</summary>
    public IEnumerable<string> Arguments() =>
        _pins.SelectMany(p => new[] { "--resolve", $"{p.Host}:{p.Port}:{p.Address}:{p.ConnectPort}" })
            .Concat(["--dns", Dns.EndPoint.ToString(), "--ca-cert", TestCertificates.AuthorityPemFile, "--timeout", Timeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            .Concat(AllowPrivateAddresses ? ["--allow-private-addresses"] : []);

    /// <summary>The settings that lead a checker to this network, with a test's <paramref name="adjust"/> applied.</summary>
    public CheckSettings Settings(Action<CheckSettings>? adjust = null)
    {
        var settings = new CheckSettings
        {
            Pins = _pins,
            DnsServer = Dns.EndPoint,
            RequestTimeoutSeconds = Timeout.TotalSeconds,
            AllowPrivateAddresses = AllowPrivateAddresses,
            ExtraCertificateAuthorities = [TestCertificates.Authority],
        };
        adjust?.Invoke(settings);
        return settings;
    }

    public async Task<CheckReport> CheckAsync(string domain, TimeProvider? timeProvider = null)
    {
        using var checker = new DelegationChecker(Settings(), timeProvider);
        var report = await checker.CheckAsync(domain);

        // A failing test then shows every step the check took, not only the verdict it asserted on.
        using var text = new StringWriter();
        await Delegation.Cli.Check.CheckRenderer.WriteTextAsync(report, text);
        TestContext.Current.TestOutputHelper?.WriteLine(text.ToString());
        TestContext.Current.TestOutputHelper?.WriteLine($"test server's Kestrel:{Environment.NewLine}{Server.ServerLog}");
        return report;
    }

    public async ValueTask DisposeAsync()
    {
        Dns.Dispose();
        await Server.DisposeAsync();
    }
}
