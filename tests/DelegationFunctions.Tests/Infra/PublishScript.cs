using System.Diagnostics;

namespace Delegation.Tests.Infra;

/// <summary>Runs eng/publish.sh (or a copy of it) with bash.</summary>
internal static class PublishScript
{
    /// <summary>How long the script may run; one that hangs is killed with its children and fails the test.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    public static Task<ToolResult> RunAsync(IEnumerable<string> arguments, string? path = null) =>
        RunAsync(RepositoryPaths.Combine("eng", "publish.sh"), arguments, path is null ? new Dictionary<string, string>() : new() { ["PATH"] = path });

    public static Task<ToolResult> RunAsync(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        ChildProcess.RunAsync(StartInfo(script, arguments, environment), Timeout);

    public static ChildProcess Start(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        ChildProcess.Start(StartInfo(script, arguments, environment));

    private static ProcessStartInfo StartInfo(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("/bin/bash");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }
}
