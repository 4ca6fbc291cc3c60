using System.Net;
using Delegation.Checks;

namespace Delegation.Tests.Checks;

public sealed class ResolvePinTests
{
    [Theory]
    [InlineData("example.com:443:127.0.0.1", "example.com", 443, "127.0.0.1", 443)]
    [InlineData("Example.COM:8448:127.0.0.1:9000", "example.com", 8448, "127.0.0.1", 9000)]
    [InlineData("example.com:443:[::1]", "example.com", 443, "::1", 443)]
    [InlineData("example.com:443:[::1]:8443", "example.com", 443, "::1", 8443)]
    [InlineData("example.com:443:::1", "example.com", 443, "::1", 443)]
    public void TryParse_Valid_ReturnsPin(string text, string host, int port, string address, int connectPort)
    {
        var parsed = ResolvePin.TryParse(text, out var pin);

        Assert.True(parsed);
        Assert.Equal(new ResolvePin(host, port, IPAddress.Parse(address), connectPort), pin);
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("example.com:443")]
    [InlineData("example.com:443:")]
    [InlineData("example.com:99999:127.0.0.1")]
    [InlineData("example.com:443:not-an-address")]
    [InlineData("example.com:443:127.0.0.1:0")]
    [InlineData(":443:127.0.0.1")]
    public void TryParse_Invalid_ReturnsFalse(string text)
    {
        var parsed = ResolvePin.TryParse(text, out _);

        Assert.False(parsed);
    }
}
