using Delegation.Names;

namespace Delegation.Tests.Names;

public sealed class HttpUrlTests
{
    [Theory]
    [InlineData("https://Example.COM/a?b=1", null, "https://example.com/a?b=1")]
    [InlineData("https://bücher.example:8448/x", null, "https://xn--bcher-kva.example:8448/x")]
    [InlineData("http://127.0.0.1:8008/", null, "http://127.0.0.1:8008/")]
    [InlineData("https://[::1]/", null, "https://[::1]/")]
    [InlineData("/next", "https://example.com/a", "https://example.com/next")]
    [InlineData("//other.example/x", "https://example.com/a", "https://other.example/x")]
    public void TryParse_UsableUrl_GivesAsciiHost(string text, string? relativeTo, string expected)
    {
        var baseUrl = relativeTo is null ? null : HttpUrl.TryParse(relativeTo, null, out var b, out _) ? b : null;

        Assert.True(HttpUrl.TryParse(text, baseUrl, out var url, out var error), error);
        Assert.Equal(expected, url.ToString());
    }

    [Theory]
    [InlineData("https://a\u200d.crash.test", "has a host that is not a valid internationalised domain name (IDNA)")]
    [InlineData("https://\u00ad.crash.test/", "has a host that is not a valid internationalised domain name (IDNA)")]
    [InlineData("ftp://example.com/", "is not an absolute http:// or https:// URL")]
    [InlineData("javascript:alert(1)", "is not an absolute http:// or https:// URL")]
    [InlineData("/relative", "is not an absolute http:// or https:// URL")]
    [InlineData("https://exa_mple.com/", "has an invalid host: the host name may hold only letters, digits, '-' and '.', not '_'")]
    [InlineData("", "is empty")]
    public void TryParse_UnusableUrl_SaysWhy(string text, string expected)
    {
        Assert.False(HttpUrl.TryParse(text, null, out _, out var error));
        Assert.Equal(expected, error);
    }
}
