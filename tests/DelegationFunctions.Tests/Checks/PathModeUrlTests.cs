using Delegation.Checks;

namespace Delegation.Tests.Checks;

public sealed class PathModeUrlTests
{
    [Theory]
    [InlineData("/example.com/.well-known/matrix/server", "example.com")]
    [InlineData("/Example.COM./.well-known/matrix/client", "example.com")]
    [InlineData("/example.com/.well-known/matrix/support?x=1", "example.com")]
    [InlineData("/b%C3%BCcher.example/.well-known/matrix/server", "xn--bcher-kva.example")]
    [InlineData("/.well-known/matrix/server", null)]
    [InlineData("/matrix/.well-known/matrix/server", null)]
    [InlineData("/example.com/.well-known/matrix/other", null)]
    [InlineData("/a/example.com/.well-known/matrix/server", null)]
    [InlineData("/1.2.3.4/.well-known/matrix/server", null)]
    public void DomainOf_Path_ReturnsTheDomainItServes(string path, string? expected)
    {
        var domain = PathModeUrl.DomainOf(path);

        Assert.Equal(expected, domain);
    }
}
