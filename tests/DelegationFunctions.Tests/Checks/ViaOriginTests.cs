using Delegation.Checks;
using Delegation.Names;

namespace Delegation.Tests.Checks;

public sealed class ViaOriginTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080")]
    [InlineData("http://127.0.0.1:8080/", "http://127.0.0.1:8080")]
    [InlineData("HTTPS://Staging.Example.NET", "https://staging.example.net")]
    [InlineData("https://staging.example.net:443/", "https://staging.example.net")]
    [InlineData("http://[::1]:8080", "http://[::1]:8080")]
    [InlineData("http://bücher.example:8080", "http://xn--bcher-kva.example:8080")]
    public void TryParse_Origin_IsNormalised(string text, string expected)
    {
        Assert.True(ViaOrigin.TryParse(text, out var via));

        Assert.Equal(expected, via.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("127.0.0.1:8080")]
    [InlineData("ftp://127.0.0.1")]
    [InlineData("http://127.0.0.1:8080/.well-known/matrix/server")]
    [InlineData("http://127.0.0.1:8080/?x=1")]
    [InlineData("http://127.0.0.1:8080/#top")]
    [InlineData("http://user:secret@127.0.0.1:8080")]
    [InlineData("http://under_score.example")]
    public void TryParse_NotAnOrigin_IsRefused(string? text)
    {
        Assert.False(ViaOrigin.TryParse(text, out _));
    }

    [Theory]
    [InlineData("https://example.com/.well-known/matrix/server", "https://example.com/.well-known/matrix/server", true)]
    [InlineData("https://example.com/.well-known/matrix/server", "https://EXAMPLE.com/example.com/.well-known/matrix/server", true)]
    [InlineData("https://example.com/.well-known/matrix/server", "https://provider.example/example.com/.well-known/matrix/server", false)]
    [InlineData("https://example.com/.well-known/matrix/server", "http://example.com/.well-known/matrix/server", false)]
    [InlineData("https://example.com/.well-known/matrix/server", "https://example.com:8443/.well-known/matrix/server", false)]
    [InlineData("https://example.com/_matrix/client/versions", "https://example.com/_matrix/client/versions", false)]
    public void Covers_OnlyTheDomainsOwnHttpsUrlInAWellKnownChain(string start, string current, bool expected)
    {
        Assert.True(HttpUrl.TryParse(start, null, out var startUrl, out _));
        Assert.True(HttpUrl.TryParse(current, null, out var currentUrl, out _));

        Assert.Equal(expected, ViaOrigin.Covers(startUrl, currentUrl));
    }

    [Fact]
    public void Target_HttpOrigin_ConnectsThereWithoutTlsAndTheDomainAsHost()
    {
        Assert.True(ViaOrigin.TryParse("http://127.0.0.1:8080", out var via));
        Assert.True(HttpUrl.TryParse("https://example.com/.well-known/matrix/client", null, out var url, out _));

        var target = via.Target(url);

        Assert.Equal((false, "127.0.0.1", 8080, "example.com", "/.well-known/matrix/client"), (target.Tls, target.ConnectHost, target.Port, target.HostHeader, target.PathAndQuery));
        Assert.Equal("https://example.com/.well-known/matrix/client via http://127.0.0.1:8080", target.DisplayUrl);
    }
}
