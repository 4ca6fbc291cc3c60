using Delegation.Names;

namespace Delegation.Tests.Names;

public sealed class ServerNameTests
{
    [Theory]
    [InlineData("matrix.org", "matrix.org", null, ServerHostKind.DnsName)]
    [InlineData("matrix.org:8448", "matrix.org", 8448, ServerHostKind.DnsName)]
    [InlineData("1.2.3.4:1234", "1.2.3.4", 1234, ServerHostKind.IPv4)]
    [InlineData("[1234:5678::abcd]:5678", "[1234:5678::abcd]", 5678, ServerHostKind.IPv6)]
    [InlineData("[::1]", "[::1]", null, ServerHostKind.IPv6)]
    [InlineData("Matrix.EXAMPLE.com:443", "matrix.example.com", 443, ServerHostKind.DnsName)]
    [InlineData("xn--bb-eka.at", "xn--bb-eka.at", null, ServerHostKind.DnsName)]
    [InlineData("localhost:1", "localhost", 1, ServerHostKind.DnsName)]
    [InlineData("a.b:65535", "a.b", 65535, ServerHostKind.DnsName)]
    public void TryParse_ValidName_ReturnsLowerCaseHostAndPort(string value, string host, int? port, ServerHostKind kind)
    {
        var parsed = ServerName.TryParse(value, out var serverName, out var error);

        Assert.True(parsed, error);
        Assert.Equal(host, serverName!.Host);
        Assert.Equal(port, serverName.Port);
        Assert.Equal(kind, serverName.Kind);
    }

    [Theory]
    [InlineData("https://matrix.org", "not a URL")]
    [InlineData("matrix.org:99999", "port")]
    [InlineData("matrix.org:", "port")]
    [InlineData("matrix.org:0", "port")]
    [InlineData("matrix.org:+80", "port")]
    [InlineData("::1", "brackets")]
    [InlineData("matrix_org.com", "'_'")]
    [InlineData("256.1.1.1", "IPv4")]
    [InlineData("1.2.3", "IPv4")]
    [InlineData("öbb.at", "xn--bb-eka.at")]
    [InlineData("", "empty")]
    [InlineData("matrix..org", "empty label")]
    [InlineData("matrix.org.", "empty label")]
    [InlineData("[1234:5678::abcd", "closing")]
    [InlineData("[not:v6::zz]:80", "IPv6")]
    [InlineData("[fe80::1%eth0]", "IPv6")]
    [InlineData("[::1]x", "host[:port]")]
    [InlineData("matrix.org/path", "'/'")]
    public void TryParse_InvalidName_ExplainsTheRule(string value, string ruleFragment)
    {
        var parsed = ServerName.TryParse(value, out var serverName, out var error);

        Assert.False(parsed);
        Assert.Null(serverName);
        Assert.Contains(ruleFragment, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_HostOver255Characters_IsRefused()
    {
        var value = string.Join('.', Enumerable.Repeat(new string('a', 60), 5));

        Assert.False(ServerName.TryParse(value, out _, out var error));
        Assert.Contains("255", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Matrix.Org:8448", "matrix.org:8448")]
    [InlineData("matrix.bücher.example:443", "matrix.xn--bcher-kva.example:443")]
    [InlineData("MATRIX.BÜCHER.example", "matrix.xn--bcher-kva.example")]
    [InlineData("öbb.at", "xn--bb-eka.at")]
    [InlineData("https://matrix.org", "https://matrix.org")]
    [InlineData("bücher.example:99999", "bücher.example:99999")]
    [InlineData("-bücher.example:443", "-bücher.example:443")]
    [InlineData("[::1]:80", "[::1]:80")]
    [InlineData(null, null)]
    public void Normalize_AdminInput_IsTheStoredFormOrUnchanged(string? value, string? expected)
    {
        Assert.Equal(expected, ServerName.Normalize(value));
    }

    [Theory]
    [InlineData("matrix.org:8448")]
    [InlineData("[1234:5678::abcd]:5678")]
    [InlineData("1.2.3.4")]
    public void ToString_ParsedName_RoundTrips(string value)
    {
        Assert.True(ServerName.TryParse(value, out var serverName, out _));

        Assert.Equal(value, serverName.ToString());
    }
}
