using System.Text.Json.Serialization;

namespace Delegation.Documents;

/// <summary>A Matrix-style error body.</summary>
internal sealed record ErrorDocument(
    [property: JsonPropertyName("errcode")] string ErrCode,
    [property: JsonPropertyName("error")] string Error);
