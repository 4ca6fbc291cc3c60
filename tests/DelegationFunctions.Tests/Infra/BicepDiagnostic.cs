using System.Text.Json;

namespace Delegation.Tests.Infra;

/// <summary>One diagnostic of a compilation: its file, zero-based position, level (Error, Warning, Info), code and message.</summary>
internal sealed record BicepDiagnostic(string File, int Line, int Character, string Level, string Code, string Message)
{
    public static BicepDiagnostic Parse(JsonElement diagnostic)
    {
        var start = diagnostic.GetProperty("range").GetProperty("start");
        return new BicepDiagnostic(
            new Uri(diagnostic.GetProperty("source").GetString()!).LocalPath,
            start.GetProperty("line").GetInt32(),
            start.GetProperty("char").GetInt32(),
            diagnostic.GetProperty("level").GetString()!,
            diagnostic.GetProperty("code").GetString()!,
            diagnostic.GetProperty("message").GetString()!);
    }

    /// <summary>The diagnostic as <c>bicep build</c> prints it, with one-based line and column.</summary>
    public override string ToString() => $"{File}({Line + 1},{Character + 1}) : {Level} {Code}: {Message}";
}
