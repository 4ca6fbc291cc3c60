using System.Text.Json;
using System.Text.Json.Serialization;

namespace Delegation.Documents;

/// <summary><c>/.well-known/matrix/client</c>: the homeserver, an optional identity server, then the extras in order.</summary>
internal sealed class ClientDocument
{
    [JsonPropertyName("m.homeserver")]
    public BaseUrlObject Homeserver { get; set; } = null!;

    [JsonPropertyName("m.identity_server")]
    public BaseUrlObject? IdentityServer { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The <c>{"base_url": ...}</c> object of the client document.</summary>
internal sealed record BaseUrlObject([property: JsonPropertyName("base_url")] string BaseUrl);
