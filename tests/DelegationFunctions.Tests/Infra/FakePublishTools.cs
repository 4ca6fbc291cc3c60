
namespace Delegation.Tests.Infra;

/// <summary>
/// A copy of eng/publish.sh in a temporary repository layout, and fake <c>dotnet</c>, <c>func</c>, <c>az</c> and
/// <c>curl</c> ahead of everything else on PATH that record each call (with <c>func</c>'s folder) in one log.
/// </summary>
internal sealed class FakePublishTools : IDisposable
{
    public const string DetectedAddress = "203.0.113.9";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("publish-run-");

    public FakePublishTools()
    {
        Directory.CreateDirectory(Path.Combine(_root.FullName, "eng"));
        File.Copy(RepositoryPaths.Combine("eng", "publish.sh"), Script);
        Directory.CreateDirectory(Path.Combine(_root.FullName, "src", "DelegationFunctions"));
        Directory.CreateDirectory(ToolsFolder);

        // dotnet publish: writes the three files the script checks into the folder after -o.
        WriteTool("dotnet", """
            out=""; prev=""
            for a in "$@"; do [ "$prev" = "-o" ] && out="$a"; prev="$a"; done
            mkdir -p "$out" && for f in host.json worker.config.json functions.metadata; do echo '{}' > "$out/$f"; done
            """);
        WriteTool("func", """
            echo "func started"
            [ -z "$FAKE_FUNC_WAIT" ] || exec sleep 60
            exit "${FAKE_FUNC_EXIT:-0}"
            """);
        WriteTool("az", """
            case "$*" in *"${FAKE_AZ_FAIL:-(none)}"*) exit 1;; esac
            """);
        WriteTool("curl", $"echo {DetectedAddress}\n");
    }

    public string Script => Path.Combine(_root.FullName, "eng", "publish.sh");

    public string PublishFolder => Path.Combine(_root.FullName, "src", "DelegationFunctions", "bin", "publish");

    private string ToolsFolder => Path.Combine(_root.FullName, "tools");

    private string CallsLog => Path.Combine(_root.FullName, "calls.log");

    /// <summary>Each recorded call: the tool's name and arguments; func's line ends with its working folder.</summary>
    public IReadOnlyList<string> Calls() => File.Exists(CallsLog) ? File.ReadAllLines(CallsLog) : [];

    public Dictionary<string, string> Environment(params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string> { ["PATH"] = $"{ToolsFolder}:{System.Environment.GetEnvironmentVariable("PATH")}" };
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }

        return environment;
    }

    public void Dispose() => _root.Delete(recursive: true);

    private void WriteTool(string name, string body)
    {
        var file = Path.Combine(ToolsFolder, name);
        var record = name == "func" ? $"echo \"{name} $* (in $(pwd))\" >> '{CallsLog}'" : $"echo \"{name} $*\" >> '{CallsLog}'";
        File.WriteAllText(file, $"#!/bin/sh\n{record}\n{body}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
