using System.Text.Json;

namespace Delegation.Tests.Infra;

/// <summary>What <c>bicep/compile</c> answers for one file: whether it emitted, every diagnostic (linter rules included) and the JSON.</summary>
internal sealed record CompileResult(bool Success, IReadOnlyList<BicepDiagnostic> Diagnostics, string? Contents)
{
    public static CompileResult Parse(JsonElement result) => new(
        result.GetProperty("success").GetBoolean(),
        [.. result.GetProperty("diagnostics").EnumerateArray().Select(BicepDiagnostic.Parse)],
        result.TryGetProperty("contents", out var contents) ? contents.GetString() : null);

    /// <summary>The diagnostics one per line, as a failure message.</summary>
    public string Describe() => Diagnostics.Count == 0
        ? $"success: {Success}, no diagnostics"
        : $"success: {Success}{Environment.NewLine}{string.Join(Environment.NewLine, Diagnostics)}";
}
