using System.Diagnostics;
using System.Text;

namespace Delegation.Tests.Support;

/// <summary>Runs the built <c>delegation</c> tool as a real child process, as an admin would.</summary>
internal static class DelegationProcess
{
    /// <summary>The tool's DLL, built beside this test assembly (same configuration).</summary>
    public static string ToolPath { get; } = FindTool();

    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
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
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Process.Start(StartInfo(args, environment))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Starts <c>delegation serve</c> and waits until it says it is listening.</summary>
    public static async Task<ServeProcess> StartServeAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort.Next();
        var url = $"http://127.0.0.1:{port}";
        var process = Process.Start(StartInfo(["serve", "--urls", url, .. args], environment))!;
        var log = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }

            if (e.Data?.StartsWith("Serving table", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60))) != ready.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"delegation serve did not start: {log}");
        }

        return new ServeProcess(process, new Uri(url), log);
    }

    private static string FindTool()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = RepositoryPaths.Combine("src", "Delegation.Cli", "bin", configuration, "net10.0", "delegation.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"The delegation tool is not built at {path}.");
    }
}

/// <summary>A running <c>delegation serve</c>; disposing stops it.</summary>
internal sealed class ServeProcess(Process process, Uri baseAddress, StringBuilder log) : IAsyncDisposable
{
    public Uri BaseAddress { get; } = baseAddress;

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
