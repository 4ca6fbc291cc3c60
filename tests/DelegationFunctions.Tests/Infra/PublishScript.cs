using System.Diagnostics;

namespace Delegation.Tests.Infra;

/// <summary>Runs eng/publish.sh (or a copy of it) with bash.</summary>
internal static class PublishScript
{
    public static Task<ToolResult> RunAsync(IEnumerable<string> arguments, string? path = null) =>
        RunAsync(RepositoryPaths.Combine("eng", "publish.sh"), arguments, path is null ? new Dictionary<string, string>() : new() { ["PATH"] = path });

    public static async Task<ToolResult> RunAsync(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        using var process = Start(script, arguments, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await WaitAsync(process);
        return new ToolResult(process.ExitCode, await output, await error);
    }

    public static Process Start(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>Waits for the script to end; one that hangs is killed with its children and fails the test.</summary>
    public static async Task WaitAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }
}
