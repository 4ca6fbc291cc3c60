using Delegation.Names;

namespace Delegation.Tests.Names;

public sealed class PathDomainTests
{
    [Theory]
    [InlineData("example.com")]
    [InlineData("xn--bcher-kva.example")]
    [InlineData("a.example.org")]
    [InlineData("localhost")]
    public void Classify_CanonicalSegment_IsCanonical(string segment)
    {
        var buffer = new char[DomainName.MaxLength];

        var form = PathDomain.Classify(segment, buffer, out var domain);

        Assert.Equal(PathDomainForm.Canonical, form);
        Assert.Equal(segment, domain.ToString());
    }

    [Theory]
    [InlineData("EXAMPLE.COM", "example.com")]
    [InlineData("Example.com", "example.com")]
    [InlineData("exa%6Dple.com", "example.com")]
    [InlineData("exa%6dple.com", "example.com")]
    [InlineData("%45XAMPLE.com", "example.com")]
    [InlineData("example%2Ecom", "example.com")]
    [InlineData("XN--BCHER-KVA.example", "xn--bcher-kva.example")]
    public void Classify_CaseOrPercentEncodingOfACanonicalName_RedirectsToIt(string segment, string canonical)
    {
        var buffer = new char[DomainName.MaxLength];

        var form = PathDomain.Classify(segment, buffer, out var domain);

        Assert.Equal(PathDomainForm.Redirect, form);
        Assert.Equal(canonical, domain.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("example.com:99999")]
    [InlineData("example.com:")]
    [InlineData("example.com:443")]
    [InlineData("example.com:08448")]
    [InlineData("example.com%3A443")]
    [InlineData("example.com.")]
    [InlineData("EXAMPLE.COM.")]
    [InlineData("bücher.example")]
    [InlineData("b%C3%BCcher.example")]
    [InlineData("exa\u200Bmple.com")]
    [InlineData("exa%E2%80%8Bmple.com")]
    [InlineData("exa%00mple.com")]
    [InlineData("exa%0Ample.com")]
    [InlineData("exa%20mple.com")]
    [InlineData("exa%2Fmple.com")]
    [InlineData("exa%zzmple.com")]
    [InlineData("%")]
    [InlineData("1.2.3.4")]
    [InlineData("[::1]")]
    [InlineData("xn--.com")]
    [InlineData("a..example")]
    [InlineData("*.example.org")]
    [InlineData("-example.com")]
    public void Classify_AnythingElse_IsInvalid(string segment)
    {
        var buffer = new char[DomainName.MaxLength];

        var form = PathDomain.Classify(segment, buffer, out var domain);

        Assert.Equal(PathDomainForm.Invalid, form);
        Assert.True(domain.IsEmpty);
    }

    [Fact]
    public void Classify_SegmentLongerThanAnyHost_IsInvalid()
    {
        var buffer = new char[DomainName.MaxLength];

        Assert.Equal(PathDomainForm.Invalid, PathDomain.Classify(new string('a', 3000) + ".example", buffer, out _));
    }
}
