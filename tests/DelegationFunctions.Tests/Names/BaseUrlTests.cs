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
    [InlineData("matrix.example.com")]
    [InlineData("ftp://matrix.example.com")]
    [InlineData("https://matrix.example.com/?a=1")]
    [InlineData("https://matrix.example.com/#x")]
    [InlineData("https://user:pw@matrix.example.com")]
    [InlineData(" https://matrix.example.com")]
    [InlineData("/relative")]
    [InlineData("")]
    public void TryValidate_NotAnAbsoluteHttpUrl_IsInvalid(string url)
    {
        Assert.False(BaseUrl.TryValidate(url, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
