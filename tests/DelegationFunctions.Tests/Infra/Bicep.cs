using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Delegation.Tests.Infra;

/// <summary>Runs the bicep compiler of the Azure.Bicep.CommandLine package against the templates in infra/.</summary>
internal static class Bicep
{
    public const string SubscriptionId = "00000000-0000-0000-0000-000000000001";
    public const string ResourceGroup = "rg-delegation";

    public static string Executable { get; } = FindExecutable();

    public static string InfraFolder => RepositoryPaths.Combine("infra");

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
    /// <paramref name="templates"/> beside it) and evaluates it with <c>bicep snapshot</c>, so nothing is written into
    /// the repository.
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

            var result = await RunAsync("snapshot", parameterFile, "--subscription-id", SubscriptionId, "--resource-group", ResourceGroup, "--location", "westeurope");

            var snapshotFile = Path.Combine(folder.FullName, "test.snapshot.json");
            var snapshot = result.ExitCode == 0 && File.Exists(snapshotFile) ? JsonDocument.Parse(await File.ReadAllTextAsync(snapshotFile)) : null;
            return new SnapshotResult(result, snapshot);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The example parameter file, infra/main.bicepparam, as text.</summary>
    public static string ExampleParameters() => File.ReadAllText(Path.Combine(InfraFolder, "main.bicepparam"));

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
