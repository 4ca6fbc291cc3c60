using Delegation.Names;

namespace Delegation.Tests.Names;

public sealed class DomainNameTests
{
    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("Example.COM", "example.com")]
    [InlineData("example.com.", "example.com")]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    [InlineData("*.example.com", "*.example.com")]
    [InlineData("*.Bücher.example", "*.xn--bcher-kva.example")]
    [InlineData("localhost", "localhost")]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example")]
    [InlineData("XN--BCHER-KVA.example", "xn--bcher-kva.example")]
    [InlineData("xn--55qx5d.xn--mnchen-3ya.example", "xn--55qx5d.xn--mnchen-3ya.example")]
    [InlineData("a--b.example", "a--b.example")]
    public void TryParse_ValidDomain_ReturnsNormalisedKey(string input, string expected)
    {
        Assert.True(DomainName.TryParse(input, out var domain, out var error), error);

        Assert.Equal(expected, domain);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("example.com:8448", "no port")]
    [InlineData("1.2.3.4", "not an IP address")]
    [InlineData("[::1]", "not an IP address")]
    [InlineData("*.*.example.com", "one level")]
    [InlineData("a.*.example.com", "one level")]
    [InlineData("*example.com", "one level")]
    [InlineData("exa mple.com", "' '")]
    [InlineData("example..com", "empty label")]
    [InlineData("ex'ample.com", "'''")]
    [InlineData("PartitionKey eq 'x'", "' '")]
    [InlineData("-example.com", "'-'")]
    [InlineData("example-.com", "'-'")]
    [InlineData("*.-example.com", "'-'")]
    [InlineData("-bücher.example", "IDNA")]
    [InlineData("xn--zz.example", "the label 'xn--zz' starts with 'xn--' but is not a valid A-label")]
    [InlineData("a.XN--ZZ.example", "the label 'XN--ZZ' starts with 'xn--' but is not a valid A-label")]
    [InlineData("*.xn--a.example", "not a valid A-label")]
    [InlineData("xn--bcher-kva8445foo.example", "not a valid A-label")]
    public void TryParse_InvalidDomain_ExplainsTheRule(string input, string ruleFragment)
    {
        Assert.False(DomainName.TryParse(input, out _, out var error));

        Assert.Contains(ruleFragment, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://example.com", "example.com")]
    [InlineData("https://Example.COM/.well-known/matrix/server", "example.com")]
    [InlineData("http://bücher.example:8080/", "xn--bcher-kva.example")]
    [InlineData("https://1.2.3.4/", "example.com")]
    [InlineData("https://", "example.com")]
    public void TryParse_Url_SaysToGiveTheDomain(string input, string suggested)
    {
        Assert.False(DomainName.TryParse(input, out _, out var error));

        Assert.Equal($"is a URL: give the domain, e.g. {suggested}", error);
    }

    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("EXAMPLE.com", "example.com")]
    [InlineData("example.com:443", "example.com")]
    [InlineData("example.com.", "example.com")]
    [InlineData("example.com.:8448", "example.com")]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    [InlineData("BÜCHER.example:443", "xn--bcher-kva.example")]
    [InlineData("XN--BCHER-KVA.example", "xn--bcher-kva.example")]
    public void TryNormalizeHost_ValidHost_ReturnsDomain(string host, string expected)
    {
        var buffer = new char[DomainName.MaxLength];

        Assert.True(DomainName.TryNormalizeHost(host, buffer, out var domain));
        Assert.Equal(expected, domain.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3.4")]
    [InlineData("1.2.3.4:80")]
    [InlineData("[::1]")]
    [InlineData("[::1]:8080")]
    [InlineData("example.com:abc")]
    [InlineData("example.com:65536")]
    [InlineData("example.com:99999")]
    [InlineData("example.com:1:2")]
    [InlineData("exa\"mple.com")]
    [InlineData("example.com' or PartitionKey ne '")]
    [InlineData("*.example.com")]
    [InlineData("example..com")]
    [InlineData(".")]
    [InlineData("\u0000")]
    [InlineData("a/b")]
    [InlineData("-example.com")]
    [InlineData("example-.com")]
    [InlineData("a.-b.example")]
    [InlineData("a.b-.example:443")]
    [InlineData("-bücher.example")]
    [InlineData("xn--zz.example")]
    [InlineData("a.xn--a.example:443")]
    public void TryNormalizeHost_InvalidHost_ReturnsFalse(string host)
    {
        var buffer = new char[DomainName.MaxLength];

        Assert.False(DomainName.TryNormalizeHost(host, buffer, out _));
    }

    [Fact]
    public void TryNormalizeHost_TenKilobyteHost_ReturnsFalse()
    {
        var buffer = new char[DomainName.MaxLength];

        Assert.False(DomainName.TryNormalizeHost(new string('a', 10 * 1024), buffer, out _));
    }

    [Theory]
    [InlineData("a.example.com", "*.example.com")]
    [InlineData("example.com", "*.com")]
    [InlineData("localhost", null)]
    [InlineData("*.example.com", null)]
    public void WildcardFor_Domain_ReturnsOneLevelWildcard(string domain, string? expected)
    {
        Assert.Equal(expected, DomainName.WildcardFor(domain));
    }
}
