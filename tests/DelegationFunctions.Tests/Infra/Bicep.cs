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
    /// <paramref name="templates"/> beside it) and evaluates it in the shared compiler process as <c>bicep snapshot</c>
    /// does, so nothing is written into the repository and no new bicep process starts. When it fails, the result
    /// holds what bicep said: the diagnostics of a parameter file that does not compile, or the message of the template
    /// check that failed.
    /// </summary>
    public static Task<SnapshotResult> SnapshotAsync(string parameters, params (string Name, string Text)[] templates) =>
        WithInfraCopyAsync(parameters, templates, SnapshotInServerAsync);

    /// <summary>
    /// Runs the command line <c>bicep snapshot</c> (a new process) on the same copy as <see cref="SnapshotAsync"/>, for
    /// the tests that show the command and the shared compiler process agree.
    /// </summary>
    public static Task<ToolResult> SnapshotCommandAsync(string parameters) =>
        WithInfraCopyAsync(parameters, [], parameterFile =>
            RunAsync("snapshot", parameterFile, "--subscription-id", SubscriptionId, "--resource-group", ResourceGroup, "--location", Location));

    internal static async ValueTask StopServerAsync()
    {
        if (Server.IsValueCreated)
        {
            await Server.Value.DisposeAsync();
        }
    }

    /// <summary>The example parameter file, infra/main.bicepparam, as text.</summary>
    public static string ExampleParameters() => File.ReadAllText(Path.Combine(InfraFolder, "main.bicepparam"));

    private static async Task<T> WithInfraCopyAsync<T>(string parameters, (string Name, string Text)[] templates, Func<string, Task<T>> evaluate)
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
            return await evaluate(parameterFile);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The snapshot as <c>bicep/getSnapshot</c> makes it (the same serializer as <c>bicep snapshot</c>). bicep answers
    /// a parameter file that does not compile only with "Compilation failed", so the file is then compiled for its
    /// diagnostics, which <c>bicep snapshot</c> prints the same way; a failed template check answers with its message.
    /// </summary>
    private static async Task<SnapshotResult> SnapshotInServerAsync(string parameterFile)
    {
        var metadata = new JsonObject { ["subscriptionId"] = SubscriptionId, ["resourceGroup"] = ResourceGroup, ["location"] = Location };
        try
        {
            var result = await Server.Value.CallAsync("bicep/getSnapshot", new JsonObject { ["path"] = parameterFile, ["metadata"] = metadata });
            return new SnapshotResult(JsonDocument.Parse(result.GetProperty("snapshot").GetString()!), null);
        }
        catch (BicepRpcException ex)
        {
            var compiled = await CompileAsync(parameterFile);
            return new SnapshotResult(null, compiled.Diagnostics.Any(d => d.Level == "Error") ? compiled.Describe() : ex.Message);
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
