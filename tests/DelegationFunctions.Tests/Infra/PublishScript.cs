using System.Diagnostics;
using Delegation.Tests.Infrastructure;

namespace Delegation.Tests.Infra;

/// <summary>Runs eng/publish.sh with bash.</summary>
internal static class PublishScript
{
    public static async Task<ToolResult> RunAsync(IEnumerable<string> arguments, string? path = null)
    {
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(RepositoryPaths.Combine("eng", "publish.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (path is not null)
        {
            start.Environment["PATH"] = path;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        return new ToolResult(process.ExitCode, await output, await error);
    }
}
