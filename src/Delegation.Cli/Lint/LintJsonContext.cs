using System.Text.Json.Serialization;

namespace Delegation.Cli.Lint;

/// <summary>Source-generated JSON for the lint report: camelCase, indented, nulls left out (as import's report).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(LintReportJson))]
internal sealed partial class LintJsonContext : JsonSerializerContext;
