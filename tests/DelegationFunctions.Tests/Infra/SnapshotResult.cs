using System.Text.Json;

namespace Delegation.Tests.Infra;

/// <summary>
/// A snapshot of a parameter file: the predicted resources when it succeeded; when it failed, the <c>bicep snapshot</c>
/// run with its exit code and output (a snapshot made by the shared compiler process has exit code 0 and no output).
/// </summary>
internal sealed record SnapshotResult(ToolResult Run, JsonDocument? Snapshot)
{
    public IReadOnlyList<JsonElement> Resources =>
        Snapshot?.RootElement.GetProperty("predictedResources").EnumerateArray().ToList()
        ?? throw new InvalidOperationException($"bicep snapshot failed ({Run.ExitCode}): {Run.AllOutput}");

    public IReadOnlyList<JsonElement> OfType(string type) =>
        Resources.Where(r => r.GetProperty("type").GetString() == type).ToList();

    public JsonElement Single(string type) => OfType(type) switch
    {
        [var only] => only,
        var found => throw new InvalidOperationException($"Expected one {type}, found {found.Count}."),
    };

    public string Output(string name) => Snapshot!.RootElement.GetProperty("outputs").GetProperty(name).ToString();
}
