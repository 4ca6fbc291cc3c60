using Delegation.Names;

namespace Delegation.Tests.Names;

public sealed class BaseUrlTests
{
    [Theory]
    [InlineData("https://matrix.example.com")]
    [InlineData("https://matrix.example.com/")]
    [InlineData("http://localhost:8008")]
    [InlineData("https://example.com/matrix/")]
    public void TryValidate_AbsoluteHttpUrl_IsValid(string url)
    {
        Assert.True(BaseUrl.TryValidate(url, out var error), error);
    }

    [Theory]
    [InlineData("matrix.example.com", BaseUrl.Rule)]
    [InlineData("ftp://matrix.example.com", BaseUrl.Rule)]
    [InlineData("https://matrix.example.com/?a=1", BaseUrl.Rule)]
    [InlineData("https://matrix.example.com/#x", BaseUrl.Rule)]
    [InlineData("https://user:pw@matrix.example.com", BaseUrl.Rule)]
    [InlineData(" https://matrix.example.com", BaseUrl.Rule)]
    [InlineData("/relative", BaseUrl.Rule)]
    [InlineData("", "must not be empty")]
    public void TryValidate_NotAnAbsoluteHttpUrl_IsInvalidWithTheRule(string url, string expected)
    {
        Assert.False(BaseUrl.TryValidate(url, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("https://a\u200d.crash.test")]
    [InlineData("https://\u00ad.crash.test/")]
    [InlineData("https://xn--a\u00ad.test/")]
    public void TryValidate_HostNoClientCanResolve_IsInvalid(string url)
    {
        Assert.False(BaseUrl.TryValidate(url, out var error));
        Assert.Equal("has a host that is not a valid internationalised domain name (IDNA)", error);
    }
}
