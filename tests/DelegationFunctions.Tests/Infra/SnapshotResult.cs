using System.Text.Json;

namespace Delegation.Tests.Infra;

/// <summary>
/// A snapshot of a parameter file: the predicted resources when it succeeded; when it failed, what bicep said (the
/// diagnostics of a parameter file that does not compile, or the message of the template check that failed).
/// </summary>
internal sealed record SnapshotResult(JsonDocument? Snapshot, string? Failure)
{
    public bool Failed => Snapshot is null;

    public IReadOnlyList<JsonElement> Resources =>
        Snapshot?.RootElement.GetProperty("predictedResources").EnumerateArray().ToList()
        ?? throw new InvalidOperationException($"bicep snapshot failed: {Failure}");

    public IReadOnlyList<JsonElement> OfType(string type) =>
        Resources.Where(r => r.GetProperty("type").GetString() == type).ToList();

    public JsonElement Single(string type) => OfType(type) switch
    {
        [var only] => only,
        var found => throw new InvalidOperationException($"Expected one {type}, found {found.Count}."),
    };

    public string Output(string name) => Snapshot!.RootElement.GetProperty("outputs").GetProperty(name).ToString();
}
