using System.Diagnostics;
using System.Net.Sockets;
using Azure.Data.Tables;

namespace Delegation.Tests.Support;

/// <summary>
/// A real Azurite table service on a free loopback port, in memory, started from eng/azurite (installed with npm on
/// first use). <see cref="Shared"/> (the assembly's <see cref="AzuriteFixture"/>) serves most tests; outage tests
/// start their own and stop it.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private Process? _process;

    private Azurite(int port) => Port = port;

    /// <summary>The Azurite shared by the whole test run; skips the calling test when Node.js is missing.</summary>
    public static Task<Azurite> Shared => SharedAsync();

    /// <summary>Why Azurite cannot run here (no Node.js on PATH), or null when it can.</summary>
    public static string? MissingNodeReason { get; } = FindMissingNode();

    public int Port { get; }

    public string ConnectionString => ConnectionStringFor(Port);

    /// <summary>A connection string to a loopback port nobody listens on: table storage that is down.</summary>
    public static string UnreachableConnectionString => ConnectionStringFor(FreePort.Next());

    private static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    public static async Task<Azurite> StartAsync(int? port = null)
    {
        var azurite = new Azurite(port ?? FreePort.Next());
        await azurite.RestartAsync();
        return azurite;
    }

    /// <summary>A new, empty table with a unique name.</summary>
    public async Task<TableClient> CreateTableAsync(string prefix = "t")
    {
        var client = new TableServiceClient(ConnectionString).GetTableClient(prefix + Guid.NewGuid().ToString("N")[..20]);
        await client.CreateIfNotExistsAsync();
        return client;
    }

    /// <summary>Starts (again) on the same port; in-memory data from before a stop is gone.</summary>
    public async Task RestartAsync()
    {
        var executable = await EnsureInstalledAsync();
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList = { "--tableHost", "127.0.0.1", "--tablePort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--inMemoryPersistence", "--skipApiVersionCheck", "--disableProductStyleUrl", "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with {_process.ExitCode} before listening on port {Port}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Azurite did not listen on port {Port} within 60 s.");
    }

    /// <summary>Stops the process (an outage, from the service's point of view).</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }

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
        var executable = Path.Combine(folder, "node_modules", ".bin", "azurite-table");
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
        Process? npm;
        try
        {
            npm = Process.Start(new ProcessStartInfo("npm", "install --no-audit --no-fund") { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true });
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("The tests need Node.js and npm on PATH to run Azurite, the Azure Storage emulator. Install Node.js 20 or later and run the tests again.", ex);
        }

        var output = npm!.StandardOutput.ReadToEndAsync();
        var error = await npm.StandardError.ReadToEndAsync();
        await npm.WaitForExitAsync();
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"'npm install' in {folder} failed with exit code {npm.ExitCode}: {error}{await output}");
        }
    }
}
