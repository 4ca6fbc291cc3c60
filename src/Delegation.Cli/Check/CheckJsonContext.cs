using System.Text.Json.Serialization;
using Delegation.Checks;

namespace Delegation.Cli.Check;

/// <summary>Source-generated JSON for <c>delegation check --json</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CheckReport))]
[JsonSerializable(typeof(List<CheckReport>))]
internal sealed partial class CheckJsonContext : JsonSerializerContext;
