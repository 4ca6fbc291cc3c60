using Delegation.Documents;

namespace Delegation.Tests.Documents;

public sealed class ClientExtraTests
{
    [Theory]
    [InlineData("{\"org.matrix.msc3575.proxy\":{\"url\":\"https://sync.example.com\"}}")]
    [InlineData("{\"org.matrix.msc4143.rtc_foci\":[{\"type\":\"livekit\",\"livekit_service_url\":\"https://rtc.example.com\"}]}")]
    [InlineData("{\"io.element.e2ee\":{\"default\":false}}")]
    [InlineData("{\"m.tile_server\":{\"map_style_url\":\"https://tiles.example.com/style.json\"}}")]
    [InlineData("{}")]
    public void TryParse_NamespacedObject_IsValid(string text)
    {
        Assert.True(ClientExtra.TryParse(text, out _, out var error), error);
    }

    [Theory]
    [InlineData("{\"m.homeserver\":{\"base_url\":\"https://x\"}}", "own column")]
    [InlineData("{\"m.identity_server\":{\"base_url\":\"https://x\"}}", "own column")]
    [InlineData("{\"proxy\":1}", "not namespaced")]
    [InlineData("{\"io.element.e2ee\":{}}", "empty object")]
    [InlineData("{\"io.element.e2ee\":{\"a\":{}}}", "io.element.e2ee.a")]
    [InlineData("[1]", "JSON object")]
    [InlineData("\"text\"", "JSON object")]
    [InlineData("{\"a.b\":1,}", "not valid JSON")]
    [InlineData("{", "not valid JSON")]
    [InlineData("{\"a.b\":1,\"a.b\":2}", "twice")]
    public void TryParse_InvalidExtra_ExplainsTheRule(string text, string ruleFragment)
    {
        Assert.False(ClientExtra.TryParse(text, out _, out var error));

        Assert.Contains(ruleFragment, error, StringComparison.Ordinal);
    }
}
