using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Delegation.Tests.Infra;

/// <summary>Runs the bicep compiler of the Azure.Bicep.CommandLine package against the templates in infra/.</summary>
internal static class Bicep
{
    public const string SubscriptionId = "00000000-0000-0000-0000-000000000001";
    public const string ResourceGroup = "rg-delegation";

    public static string Executable { get; } = FindExecutable();

    private const string Location = "westeurope";

    private static readonly Lazy<BicepServer> Server = new(BicepServer.Start);

    public static string InfraFolder => RepositoryPaths.Combine("infra");

    /// <summary>
    /// Compiles one .bicep or .bicepparam file in the shared compiler process. The diagnostics are those
    /// <c>bicep build</c> and <c>bicep lint</c> print, the linter rules of the nearest bicepconfig.json included.
    /// </summary>
    public static async Task<CompileResult> CompileAsync(string path, CancellationToken cancellationToken = default) =>
        CompileResult.Parse(await Server.Value.CallAsync("bicep/compile", new JsonObject { ["path"] = path }, cancellationToken));

    public static Task<ToolResult> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Keeps bicep from looking for a newer version or sending telemetry.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        return ChildProcess.RunAsync(start, TimeSpan.FromMinutes(10));
    }

    /// <summary>
    /// Copies infra/ to a temporary folder, adds <paramref name="parameters"/> as test.bicepparam there (and any
    /// <paramref name="templates"/> beside it) and evaluates it as <c>bicep snapshot</c> does, so nothing is written
    /// into the repository. The shared compiler process makes the snapshot; when it cannot, <c>bicep snapshot</c> runs
    /// for its exit code and the diagnostics it prints, which the failure tests assert on.
    /// </summary>
    public static async Task<SnapshotResult> SnapshotAsync(string parameters, params (string Name, string Text)[] templates)
    {
        var folder = Directory.CreateTempSubdirectory("infra-");
        try
        {
            CopyFolder(InfraFolder, folder.FullName);
            foreach (var (name, text) in templates)
            {
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, name), text);
            }

            var parameterFile = Path.Combine(folder.FullName, "test.bicepparam");
            await File.WriteAllTextAsync(parameterFile, parameters);

            if (await TrySnapshotAsync(parameterFile) is { } made)
            {
                return new SnapshotResult(new ToolResult(0, string.Empty, string.Empty), made);
            }

            var result = await RunAsync("snapshot", parameterFile, "--subscription-id", SubscriptionId, "--resource-group", ResourceGroup, "--location", Location);

            var snapshotFile = Path.Combine(folder.FullName, "test.snapshot.json");
            var snapshot = result.ExitCode == 0 && File.Exists(snapshotFile) ? JsonDocument.Parse(await File.ReadAllTextAsync(snapshotFile)) : null;
            return new SnapshotResult(result, snapshot);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    internal static async ValueTask StopServerAsync()
    {
        if (Server.IsValueCreated)
        {
            await Server.Value.DisposeAsync();
        }
    }

    /// <summary>The example parameter file, infra/main.bicepparam, as text.</summary>
    public static string ExampleParameters() => File.ReadAllText(Path.Combine(InfraFolder, "main.bicepparam"));

    /// <summary>
    /// The snapshot as <c>bicep/getSnapshot</c> makes it (the same serializer as <c>bicep snapshot</c>); null when bicep
    /// answers with an error: a parameter file that does not compile answers only "Compilation failed", a failed
    /// template check its message without the command's wording.
    /// </summary>
    private static async Task<JsonDocument?> TrySnapshotAsync(string parameterFile)
    {
        var metadata = new JsonObject { ["subscriptionId"] = SubscriptionId, ["resourceGroup"] = ResourceGroup, ["location"] = Location };
        try
        {
            var result = await Server.Value.CallAsync("bicep/getSnapshot", new JsonObject { ["path"] = parameterFile, ["metadata"] = metadata });
            return JsonDocument.Parse(result.GetProperty("snapshot").GetString()!);
        }
        catch (BicepRpcException)
        {
            return null;
        }
    }

    private static void CopyFolder(string source, string destination)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*.bicep*", SearchOption.AllDirectories).Concat(Directory.EnumerateFiles(source, "bicepconfig.json")))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string FindExecutable()
    {
        var path = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value;
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"The bicep compiler is not at '{path}': restore the test project (package Azure.Bicep.CommandLine.linux-x64).");
    }
}
