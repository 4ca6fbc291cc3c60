using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Delegation.Tests.Support;

namespace Delegation.Benchmarks.ColdStart;

/// <summary>
/// Azurite as keyless storage on Azure looks to the app: https with a certificate from the test authority and bearer
/// tokens checked (<c>--oauth basic</c>), as the tests' <c>Azurite.StartKeylessAsync</c> runs it.
/// </summary>
internal sealed class KeylessTableService : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private KeylessTableService(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri TableServiceUri => new($"https://127.0.0.1:{Port}/devstoreaccount1");

    /// <summary>The development account over https, the way an app with a connection string reaches storage.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=https;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint={TableServiceUri.AbsoluteUri};";

    /// <param name="azurite">eng/azurite's <c>node_modules/.bin/azurite</c>.</param>
    public static async Task<KeylessTableService> StartAsync(string azurite, int port)
    {
        using var certificate = TestCertificates.Issue("127.0.0.1", "localhost");
        var (certificatePath, keyPath) = TestCertificates.WritePem(certificate);
        var start = new ProcessStartInfo(azurite) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--blobHost", "127.0.0.1", "--blobPort", "0", "--queueHost", "127.0.0.1", "--queuePort", "0",
            "--inMemoryPersistence", "--skipApiVersionCheck", "--disableProductStyleUrl", "--disableTelemetry", "--silent",
            "--oauth", "basic", "--cert", certificatePath, "--key", keyPath,
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{azurite} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new KeylessTableService(process, port);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with {process.ExitCode}; is port {port} in use?");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return service;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        await service.DisposeAsync();
        throw new InvalidOperationException($"Azurite did not listen on port {port} within 30 s.");
    }

    /// <summary>A client signed in with the account key that trusts the test authority, to seed the table.</summary>
    public TableClient TableClient(string table)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(TestCertificates.Authority);
        var handler = new SocketsHttpHandler { SslOptions = { CertificateChainPolicy = policy } };
        var options = new TableClientOptions { Transport = new HttpClientTransport(handler) };
        return new TableServiceClient(ConnectionString, options).GetTableClient(table);
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
