namespace Delegation.Tests.Infra;

/// <summary>
/// A copy of eng/publish.sh in a temporary repository layout, and stand-in <c>dotnet</c>, <c>func</c>, <c>az</c> and
/// <c>curl</c> ahead of everything else on PATH that record each call (with <c>func</c>'s folder) in one log. The
/// <c>az</c> answers from <see cref="Az"/>, which models the function app's access rules.
/// </summary>
internal sealed class FakePublishTools : IDisposable
{
    public const string DetectedAddress = "203.0.113.9";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("publish-run-");

    public FakePublishTools(params IReadOnlyList<FakeFlexSite> sites)
    {
        Az = new FakeAzureCli(sites);
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
        // Says "func started <app>". With FAKE_FUNC_WAIT (1, or the app's name): runs until it is stopped, and records
        // that it was. FAKE_FUNC_EXIT is every run's exit code; FAKE_FUNC_FAIL_APP names an app whose publish exits 5.
        WriteTool("func", $$"""
            app="$4"
            if [ "$FAKE_FUNC_WAIT" = 1 ] || { [ -n "$FAKE_FUNC_WAIT" ] && [ "$FAKE_FUNC_WAIT" = "$app" ]; }; then
              trap "kill \$sleeper 2> /dev/null; echo 'func stopped' >> '{{CallsLog}}'; exit 143" TERM
              sleep 60 & sleeper=$!
              echo "func started $app"
              wait $sleeper
            else
              echo "func started $app"
            fi
            if [ -n "$FAKE_FUNC_FAIL_APP" ] && [ "$FAKE_FUNC_FAIL_APP" = "$app" ]; then
              exit 5
            fi
            exit "${FAKE_FUNC_EXIT:-0}"
            """);
        WriteTool("curl", $"echo \"${{FAKE_CURL_ANSWER:-{DetectedAddress}}}\"\n");
        WriteFile("az", Az.StandIn(CallsLog));
    }

    public FakeAzureCli Az { get; }

    public string Script => Path.Combine(_root.FullName, "eng", "publish.sh");

    public string PublishFolder => Path.Combine(_root.FullName, "src", "DelegationFunctions", "bin", "publish");

    private string ToolsFolder => Path.Combine(_root.FullName, "tools");

    private string CallsLog => Path.Combine(_root.FullName, "calls.log");

    /// <summary>
    /// Each recorded call, one line each: the tool's name and arguments (line breaks in them as spaces); func's line
    /// ends with its working folder. <see cref="FakeAzureCli.Calls"/> holds az's arguments exactly.
    /// </summary>
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

    public void Dispose()
    {
        Az.Dispose();
        _root.Delete(recursive: true);
    }

    private void WriteTool(string name, string body)
    {
        var record = name == "func" ? $"echo \"{name} $* (in $(pwd))\" >> '{CallsLog}'" : $"echo \"{name} $*\" >> '{CallsLog}'";
        WriteFile(name, $"#!/bin/sh\n{record}\n{body}\n");
    }

    private void WriteFile(string name, string text)
    {
        var file = Path.Combine(ToolsFolder, name);
        File.WriteAllText(file, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
