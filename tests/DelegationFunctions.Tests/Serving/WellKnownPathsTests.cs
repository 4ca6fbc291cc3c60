using Delegation.Documents;
using Delegation.Serving;

namespace Delegation.Tests.Serving;

public sealed class WellKnownPathsTests
{
    [Theory]
    [InlineData("/.well-known/matrix/server", WellKnownDocument.Server, null)]
    [InlineData("/.well-known/matrix/client/", WellKnownDocument.Client, null)]
    [InlineData("/.WELL-KNOWN/Matrix/Support", WellKnownDocument.Support, null)]
    [InlineData("/example.com/.well-known/matrix/server", WellKnownDocument.Server, "example.com")]
    [InlineData("/EXAMPLE.com./.well-known/matrix/client/", WellKnownDocument.Client, "EXAMPLE.com.")]
    [InlineData("/1.2.3.4/.well-known/matrix/support", WellKnownDocument.Support, "1.2.3.4")]
    public void TryMatch_HostOrPathMode_FindsDocumentAndDomain(string path, WellKnownDocument document, string? domain)
    {
        var matched = WellKnownPaths.TryMatch(path, out var actualDocument, out var actualDomain);

        Assert.True(matched);
        Assert.Equal(document, actualDocument);
        Assert.Equal(domain, actualDomain);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/.well-known/matrix/unknown")]
    [InlineData("//.well-known/matrix/server")]
    [InlineData("/a/b/.well-known/matrix/server")]
    [InlineData("/example.com.well-known/matrix/server")]
    [InlineData("/.well-known/matrix/server/extra")]
    [InlineData("/example.com/.well-known/matrix/server//")]
    public void TryMatch_OtherPaths_DoNotMatch(string path)
    {
        Assert.False(WellKnownPaths.TryMatch(path, out _, out _));
    }
}
