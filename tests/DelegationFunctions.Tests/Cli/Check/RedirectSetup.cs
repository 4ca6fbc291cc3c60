using Delegation.Table;

namespace Delegation.Tests.Cli.Check;

/// <summary>
/// A customer's website (Kestrel with TLS from the test authority) that redirects its well-known paths to
/// <c>delegation serve</c> in path mode on the provider's host, with a stub homeserver behind the delegation.
/// </summary>
internal sealed class RedirectSetup : IAsyncDisposable
{
    public const string Domain = "example.test";
    public const string Provider = "delegation.provider.test";
    public static readonly string[] Documents = ["server", "client", "support"];
    private const string Support = """{"contacts":[{"role":"m.role.admin","matrix_id":"@admin:example.test"}]}""";

    private RedirectSetup(CheckNetwork network, ServingHost serve, TestHttpsServer homeserver)
    {
        Network = network;
        Serve = serve;
        Homeserver = homeserver;
    }

    public CheckNetwork Network { get; }

    /// <summary>The customer's website, reached as example.test and www.example.test.</summary>
    public TestHttpsServer Website => Network.Server;

    public ServingHost Serve { get; }

    public TestHttpsServer Homeserver { get; }

    public int ServePort => Serve.BaseAddress.Port;

    public static async Task<RedirectSetup> StartAsync()
    {
        var azurite = await Azurite.Shared;
        var table = await azurite.CreateTableAsync("redirect");
        var store = new TableDelegationStore(table);
        await store.TryAddAsync(new DelegationRow(Domain) { Server = "hs.example.test:8448", ClientBaseUrl = "https://hs.example.test", Support = Support });
        await store.TryAddAsync(new DelegationRow("other.test") { Server = "hs.other.test:8448", ClientBaseUrl = "https://hs.other.test" });
        var serve = await ServingHost.StartAsync(azurite.ConnectionString, table.Name, certificate: TestCertificates.Issue(Provider));

        var homeserver = await TestHttpsServer.StartAsync();
        homeserver.ValidFor("hs.example.test").Homeserver("hs.example.test:8448")
            .Json("hs.example.test", "/_matrix/client/versions", """{"versions":["v1.12","v1.13"]}""", 200, ("Access-Control-Allow-Origin", "*"));
        var network = await CheckNetwork.StartAsync();
        network.Server.ValidFor(Domain, $"www.{Domain}");
        var setup = new RedirectSetup(network, serve, homeserver);
        network.Pin(Domain, 443).Pin($"www.{Domain}", 443).Pin(Domain, 8448)
            .Pin(Provider, 443, setup.ServePort)
            .Pin("hs.example.test", 8448, homeserver.Port).Pin("hs.example.test", 443, homeserver.Port);
        return setup;
    }

    /// <summary>The provider's path-mode URL of <paramref name="document"/> for <paramref name="domain"/>.</summary>
    public static string PathModeUrl(string domain, string document) => $"https://{Provider}/{domain}/.well-known/matrix/{document}";

    /// <summary>The customer's rule: each well-known path answers 301 to the path-mode URL of <paramref name="pathDomain"/>.</summary>
    public RedirectSetup RedirectToProvider(string pathDomain = Domain, bool cors = true)
    {
        foreach (var document in Documents)
        {
            Website.Redirect(Domain, $"/.well-known/matrix/{document}", PathModeUrl(pathDomain, document), 301, cors ? [("Access-Control-Allow-Origin", "*")] : []);
        }

        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await Serve.DisposeAsync();
        await Homeserver.DisposeAsync();
        await Network.DisposeAsync();
    }
}
