using System.Text.Json;
using System.Text.Json.Serialization;

namespace Delegation.Documents;

/// <summary><c>/.well-known/matrix/client</c>: the homeserver, an optional identity server, then the extras in order.</summary>
internal sealed record ClientDocument(
    [property: JsonPropertyName("m.homeserver")] BaseUrlObject Homeserver,
    [property: JsonPropertyName("m.identity_server")] BaseUrlObject? IdentityServer)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>The <c>{"base_url": ...}</c> object of the client document.</summary>
internal sealed record BaseUrlObject([property: JsonPropertyName("base_url")] string BaseUrl);
