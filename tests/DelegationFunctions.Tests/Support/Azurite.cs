using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;

namespace Delegation.Tests.Support;

/// <summary>
/// A real Azurite table service on a loopback port the system picks, in memory, started from eng/azurite (installed
/// with npm on first use). <see cref="Shared"/> (the assembly's <see cref="AzuriteFixture"/>) serves most tests;
/// outage tests start their own and stop it.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    // The table-only azurite-table echoes the configured port (0); the full azurite prints the one it bound.
    private const string ListeningLine = "Azurite Table service is successfully listening at ";

    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private readonly (string Certificate, string Key)? _tls;
    private ChildProcess? _process;

    private Azurite((string Certificate, string Key)? tls = null) => _tls = tls;

    /// <summary>The Azurite shared by the whole test run; skips the calling test when Node.js is missing.</summary>
    public static Task<Azurite> Shared => SharedAsync();

    /// <summary>Why Azurite cannot run here (no Node.js on PATH), or null when it can.</summary>
    public static string? MissingNodeReason { get; } = FindMissingNode();

    /// <summary>The table port, chosen by the system at the first start and kept across restarts.</summary>
    public int Port { get; private set; }

    public string ConnectionString => _tls is null ? ConnectionStringFor(Port) : ConnectionStringFor(Port).Replace("http", "https", StringComparison.Ordinal);

    /// <summary>
    /// The table endpoint as <c>--table-service-uri</c> takes it. Entra ID tokens are only sent over https, so this is
    /// for an Azurite from <see cref="StartKeylessAsync"/>.
    /// </summary>
    public Uri TableServiceUri => new($"https://127.0.0.1:{Port}/devstoreaccount1");

    /// <summary>Client options whose transport trusts the test authority, which signed a keyless Azurite's certificate.</summary>
    public static TableClientOptions TrustingTestAuthority()
    {
        var policy = new System.Security.Cryptography.X509Certificates.X509ChainPolicy
        {
            TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust,
            RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(TestCertificates.Authority);
        var handler = new System.Net.Http.SocketsHttpHandler { SslOptions = { CertificateChainPolicy = policy } };
        return new TableClientOptions { Transport = new Azure.Core.Pipeline.HttpClientTransport(handler) };
    }

    /// <summary>A connection string to a loopback port that refuses connections: table storage that is down.</summary>
    public static string UnreachableConnectionString => ConnectionStringFor(ReservedPorts.RefusingTcp);

    /// <summary>The development account's connection string with its table endpoint on <paramref name="port"/>.</summary>
    public static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    public static Task<Azurite> StartAsync() => StartAsync(new Azurite());

    /// <summary>
    /// Azurite as Azure serves keyless storage: https with a certificate from the test authority, and bearer tokens
    /// checked as <c>--oauth basic</c> does (audience, issuer, lifetime; not the signature). The account key still
    /// works over https, for tests to seed and read tables directly.
    /// </summary>
    public static async Task<Azurite> StartKeylessAsync()
    {
        using var certificate = TestCertificates.Issue("127.0.0.1", "localhost");
        return await StartAsync(new Azurite(TestCertificates.WritePem(certificate)));
    }

    private static async Task<Azurite> StartAsync(Azurite azurite)
    {
        try
        {
            await azurite.RestartAsync();
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }

        return azurite;
    }

    /// <summary>A client for <paramref name="table"/> signed in with the account key (over https for a keyless Azurite).</summary>
    public TableClient TableClient(string table) =>
        (_tls is null ? new TableServiceClient(ConnectionString) : new TableServiceClient(ConnectionString, TrustingTestAuthority())).GetTableClient(table);

    /// <summary>A new, empty table with a unique name.</summary>
    public async Task<TableClient> CreateTableAsync(string prefix = "t")
    {
        var client = TableClient(prefix + Guid.NewGuid().ToString("N")[..20]);
        await client.CreateIfNotExistsAsync();
        return client;
    }

    /// <summary>Starts (again) on the same port; in-memory data from before a stop is gone.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        var executable = await EnsureInstalledAsync();
        var port = Port.ToString(CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                "--tableHost", "127.0.0.1", "--tablePort", port,
                "--blobHost", "127.0.0.1", "--blobPort", "0", "--queueHost", "127.0.0.1", "--queuePort", "0",
                "--inMemoryPersistence", "--skipApiVersionCheck", "--disableProductStyleUrl", "--disableTelemetry", "--silent",
            },
        };
        if (_tls is { } tls)
        {
            foreach (var arg in new[] { "--oauth", "basic", "--cert", tls.Certificate, "--key", tls.Key })
            {
                start.ArgumentList.Add(arg);
            }
        }

        _process = ChildProcess.Start(start);
        var listening = await _process.WaitForLineAsync(line => line.StartsWith(ListeningLine, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Port = new Uri(listening[ListeningLine.Length..]).Port;
    }

    /// <summary>Stops the process (an outage, from the service's point of view).</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>Skips the calling test, with the reason, when Node.js is missing.</summary>
    public static void SkipIfNodeMissing()
    {
        if (MissingNodeReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    private static async Task<Azurite> SharedAsync()
    {
        var fixture = await TestContext.Current.GetFixture<AzuriteFixture>()
            ?? throw new InvalidOperationException("Azurite.Shared is for tests; the AzuriteFixture assembly fixture was not found.");
        return await fixture.GetAsync();
    }

    private static string? FindMissingNode()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, "node")))
            ? null
            : "Needs Node.js (node and npm on PATH) to run Azurite, the Azure Storage emulator; install Node.js 20 or later to run it.";
    }

    private static async Task<string> EnsureInstalledAsync()
    {
        SkipIfNodeMissing();
        var folder = RepositoryPaths.Combine("eng", "azurite");
        var executable = Path.Combine(folder, "node_modules", ".bin", "azurite");
        if (File.Exists(executable))
        {
            return executable;
        }

        await InstallLock.WaitAsync();
        try
        {
            if (!File.Exists(executable))
            {
                await NpmInstallAsync(folder);
            }
        }
        finally
        {
            InstallLock.Release();
        }

        return File.Exists(executable) ? executable : throw new InvalidOperationException($"npm install finished but {executable} is missing.");
    }

    private static async Task NpmInstallAsync(string folder)
    {
        ToolResult npm;
        try
        {
            npm = await ChildProcess.RunAsync(new ProcessStartInfo("npm", "install --no-audit --no-fund") { WorkingDirectory = folder }, TimeSpan.FromMinutes(10));
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("The tests need Node.js and npm on PATH to run Azurite, the Azure Storage emulator. Install Node.js 20 or later and run the tests again.", ex);
        }

        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"'npm install' in {folder} failed with exit code {npm.ExitCode}: {npm.Error}{npm.Output}");
        }
    }
}
