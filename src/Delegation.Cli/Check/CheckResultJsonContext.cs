using System.Text.Json.Serialization;

namespace Delegation.Cli.Check;

/// <summary>Source-generated JSON Lines for <c>delegation checks --json</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CheckResultJson))]
internal sealed partial class CheckResultJsonContext : JsonSerializerContext;
