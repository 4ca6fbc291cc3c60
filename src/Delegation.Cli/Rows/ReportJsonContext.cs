using System.Text.Json.Serialization;
using Delegation.Cli.Import;
using Delegation.Cli.Lint;

namespace Delegation.Cli.Rows;

/// <summary>Source-generated JSON for reports (import plans, lint findings): camelCase, indented, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(ImportReportJson))]
[JsonSerializable(typeof(LintReportJson))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
