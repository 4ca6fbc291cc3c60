using System.Text.Json.Serialization;

namespace Delegation.Cli.Common;

/// <summary>Source-generated JSON for rows: the table's own column names, absent columns left out.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RowJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
