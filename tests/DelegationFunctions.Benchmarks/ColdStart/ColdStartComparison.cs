using System.Diagnostics;
using System.Globalization;
using System.Net;
using Delegation.Table;
using Delegation.Tests.Support;
using FunctionsHostHarness;

namespace Delegation.Benchmarks.ColdStart;

/// <summary>
/// Worker start to first 200, as on a Flex instance scaled from zero: the harness starts the worker, waits for its
/// functions, and sends the first request at once. The function app (keyless through the managed identity stand-in,
/// keyless with <c>AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential</c>, and with a connection string) against the
/// constant function app, interleaved round by round. Run by eng/coldstart.sh.
/// </summary>
internal static class ColdStartComparison
{
    private const string Table = "delegations";

    /// <param name="baselineApp">Another build of the function app (before a change), measured keyless and with a connection string in the same rounds; or null.</param>
    public static async Task<int> RunAsync(string azurite, int azuritePort, string functionApp, string constantApp, int rounds, string? baselineApp = null)
    {
        await using var identity = await ManagedIdentityEndpoint.StartAsync();
        await using var storage = await KeylessTableService.StartAsync(azurite, azuritePort);
        var table = storage.TableClient(Table);
        await table.CreateIfNotExistsAsync();
        await new TableDelegationStore(table).TryAddAsync(new DelegationRow("example.com") { Server = "matrix.example.com:443" });

        var certificateAuthority = Path.Combine(Directory.CreateTempSubdirectory("coldstart-ca-").FullName, "ca.pem");
        await File.WriteAllTextAsync(certificateAuthority, TestCertificates.Authority.ExportCertificatePem());
        var platform = new Dictionary<string, string>(identity.Environment)
        {
            ["SSL_CERT_FILE"] = certificateAuthority,
            ["AZURE_TOKEN_CREDENTIALS"] = string.Empty,
            ["DelegationTable"] = Table,
        };
        Dictionary<string, string> With(params (string Name, string Value)[] settings)
        {
            var all = new Dictionary<string, string>(platform);
            foreach (var (name, value) in settings)
            {
                all[name] = value;
            }

            return all;
        }

        var keylessUri = ("DelegationStorage__tableServiceUri", storage.TableServiceUri.AbsoluteUri);
        var connectionString = ("DelegationStorage", storage.ConnectionString);
        List<ColdStartVariant> variants =
        [
            new("constant", constantApp, platform),
            new("keyless", functionApp, With(keylessUri)),
            new("keyless, AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential", functionApp, With(keylessUri, ("AZURE_TOKEN_CREDENTIALS", "ManagedIdentityCredential"))),
            new("connection string", functionApp, With(connectionString)),
        ];
        if (baselineApp is not null)
        {
            variants.Add(new("baseline build, keyless", baselineApp, With(keylessUri)));
            variants.Add(new("baseline build, connection string", baselineApp, With(connectionString)));
        }

        var times = variants.ToDictionary(v => v.Name, _ => new List<(double Loaded, double First, double Cpu)>());
        // Round 0 warms the harness itself (its own JIT) and the file cache; it is not counted.
        for (var round = 0; round <= rounds; round++)
        {
            // Each round starts with another variant, so no variant always follows the same one.
            for (var i = 0; i < variants.Count; i++)
            {
                var variant = variants[(round + i) % variants.Count];
                var (loaded, first, cpu) = await MeasureAsync(variant);
                if (round > 0)
                {
                    times[variant.Name].Add((loaded, first, cpu));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}{(round == 0 ? " (warm-up)" : string.Empty)}: {variant.Name,-58} loaded {loaded,6:F0} ms, first 200 {first,6:F0} ms, worker CPU {cpu,5:F0} ms"));
            }
        }

        var constant = times["constant"];
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Median of {rounds} interleaved rounds, worker start to first 200 (functions loaded; the first request alone, the median of first 200 minus loaded per run; the worker's processor time up to the first 200):"));
        foreach (var variant in variants)
        {
            var runs = times[variant.Name];
            var perRound = runs.Select((run, i) => run.First / constant[i].First).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {variant.Name,-58} {Median(runs.Select(r => r.First)),6:F0} ms ({Median(runs.Select(r => r.Loaded)),5:F0} ms, first request {Median(runs.Select(r => r.First - r.Loaded)),4:F0} ms, CPU {Median(runs.Select(r => r.Cpu)),4:F0} ms)   ratio to constant: {Median(runs.Select(r => r.First)) / Median(constant.Select(r => r.First)):F2}x of medians, {Median(perRound):F2}x median per round"));
        }

        return 0;
    }

    // The processor time is read once the first answer is in: unlike the wall clock it hardly depends on what else the machine runs.
    private static async Task<(double Loaded, double First, double Cpu)> MeasureAsync(ColdStartVariant variant)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var host = await FunctionsHost.StartAsync(variant.AppDirectory, variant.Settings);
        var loaded = stopwatch.Elapsed.TotalMilliseconds;
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/matrix/server");
        request.Headers.Host = "example.com";
        using var response = await client.SendAsync(request);
        var first = stopwatch.Elapsed.TotalMilliseconds;
        var cpu = host.Worker.ProcessorTime.TotalMilliseconds;
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK || body != """{"m.server":"matrix.example.com:443"}""")
        {
            throw new InvalidOperationException($"{variant.Name}: the first request answered {(int)response.StatusCode} {body}. Worker output:{Environment.NewLine}{host.Worker.Output}");
        }

        await host.StopAsync();
        return (loaded, first, cpu);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
