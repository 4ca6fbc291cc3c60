using System.Diagnostics;

namespace Delegation.Tests.Support;

/// <summary>Runs the built <c>delegation</c> tool as a real child process, as an admin would.</summary>
internal static class DelegationProcess
{
    /// <summary>The line <c>delegation serve</c> prints once it listens; it ends with the bound addresses.</summary>
    public const string ServingLine = "Serving table ";

    /// <summary>The tool's DLL, built beside this test assembly (same configuration).</summary>
    public static string ToolPath { get; } = FindTool();

    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(ToolPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>Runs the tool to completion and returns its exit code and output.</summary>
    public static Task<ToolResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null) =>
        ChildProcess.RunAsync(StartInfo(args, environment), TimeSpan.FromMinutes(2));

    /// <summary>
    /// Starts <c>delegation serve</c> on <paramref name="url"/> (port 0: one the system picks) and waits until it says
    /// it is listening; <see cref="ServeProcess.BaseAddress"/> is the address it printed.
    /// </summary>
    public static async Task<ServeProcess> StartServeAsync(IEnumerable<string> args, string url = "http://127.0.0.1:0", IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = ChildProcess.Start(StartInfo(["serve", "--urls", url, .. args], environment));
        try
        {
            var serving = await process.WaitForLineAsync(line => line.StartsWith(ServingLine, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            return new ServeProcess(process, BoundAddress(serving));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    // "Serving table 't' on http://127.0.0.1:43121. Press Ctrl+C to stop.": the first address after " on ".
    private static Uri BoundAddress(string serving)
    {
        var addresses = serving[(serving.LastIndexOf(" on ", StringComparison.Ordinal) + 4)..];
        return new Uri(addresses.Split([", ", ". "], StringSplitOptions.None)[0]);
    }

    private static string FindTool()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = RepositoryPaths.Combine("src", "Delegation.Cli", "bin", configuration, "net10.0", "delegation.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"The delegation tool is not built at {path}.");
    }
}
