using System.Text.Json.Serialization;

namespace Delegation.Documents;

/// <summary><c>/.well-known/matrix/server</c>.</summary>
internal sealed record ServerDocument([property: JsonPropertyName("m.server")] string Server);
