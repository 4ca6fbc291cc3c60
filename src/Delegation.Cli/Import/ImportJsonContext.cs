using System.Text.Json.Serialization;

namespace Delegation.Cli.Import;

/// <summary>Source-generated JSON for the import report: camelCase, indented, nulls left out (as lint's report).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(ImportReportJson))]
internal sealed partial class ImportJsonContext : JsonSerializerContext;
