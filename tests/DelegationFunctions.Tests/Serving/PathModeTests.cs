using System.Net;
using System.Text;

namespace Delegation.Tests.Serving;

/// <summary>Path mode in <c>delegation serve</c>: the first segment names the domain, the rest of the contract holds.</summary>
public sealed class PathModeTests(ServedTable served) : IClassFixture<ServedTable>
{
    [Fact]
    public async Task Get_DomainInPath_AnswersItsDocumentWhateverTheHost()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/example.com/.well-known/matrix/server");
        request.Headers.Host = "delegation.provider.example";

        using var response = await served.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"m.server\":\"matrix.example.com:443\"}", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task Get_ALabelInPath_AnswersTheRow()
    {
        using var response = await served.Client.GetAsync(new Uri("/xn--bcher-kva.example/.well-known/matrix/server", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"m.server\":\"matrix.xn--bcher-kva.example:443\"}", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Get_WildcardRowInPathMode_AnswersASubdomain()
    {
        using var response = await served.Client.GetAsync(new Uri("/a.example.org/.well-known/matrix/server", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/1.2.3.4/.well-known/matrix/server")]
    [InlineData("/xn--.com/.well-known/matrix/server")]
    [InlineData("/xn--zz.example/.well-known/matrix/server")]
    [InlineData("/unknown.example/.well-known/matrix/server")]
    [InlineData("/broken.example/.well-known/matrix/server")]
    public async Task Get_InvalidUnknownOrBrokenDomainInPath_Is404WithCors(string path)
    {
        using var response = await served.Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    // The raw target reaches the check: routing alone would see "example.com" in the second and third case.
    [Theory]
    [InlineData("/EXAMPLE.COM/.well-known/matrix/server", "/example.com/.well-known/matrix/server")]
    [InlineData("/exa%6Dple.com/.well-known/matrix/client?x=1", "/example.com/.well-known/matrix/client")]
    [InlineData("/%65xample%2Ecom/.well-known/matrix/server", "/example.com/.well-known/matrix/server")]
    [InlineData("/Example.com/.WELL-KNOWN/matrix/Support", "/example.com/.well-known/matrix/support")]
    [InlineData("/XN--BCHER-KVA.example/.well-known/matrix/server", "/xn--bcher-kva.example/.well-known/matrix/server")]
    [InlineData("/UNKNOWN.example/.well-known/matrix/server", "/unknown.example/.well-known/matrix/server")]
    public async Task Get_OtherSpellingOfACanonicalSegment_Answers301ToTheCanonicalPath(string path, string location)
    {
        using var response = await VerbatimRequest.SendAsync(served.BaseAddress, path);

        await PathModeAnswer.AssertRedirectAsync(response, location, "public, max-age=3600, s-maxage=600");
    }

    [Fact]
    public async Task Head_OtherSpelling_Answers301WithoutBody()
    {
        using var response = await VerbatimRequest.SendAsync(served.BaseAddress, "/EXAMPLE.COM/.well-known/matrix/server", HttpMethod.Head);

        await PathModeAnswer.AssertRedirectAsync(response, "/example.com/.well-known/matrix/server", "public, max-age=3600, s-maxage=600");
    }

    [Theory]
    [InlineData("/example.com:99999/.well-known/matrix/server", "example.com:99999")]
    [InlineData("/example.com:/.well-known/matrix/server", "example.com:")]
    [InlineData("/example.com:443/.well-known/matrix/server", "example.com:443")]
    [InlineData("/example.com:08448/.well-known/matrix/server", "example.com:08448")]
    [InlineData("/example.com%3A443/.well-known/matrix/server", "example.com%3A443")]
    [InlineData("/example.com./.well-known/matrix/server", "example.com.")]
    [InlineData("/EXAMPLE.COM./.well-known/matrix/server", "EXAMPLE.COM.")]
    [InlineData("/b%C3%BCcher.example/.well-known/matrix/server", "b%C3%BCcher.example")]
    [InlineData("/exa%E2%80%8Bmple.com/.well-known/matrix/server", "exa%E2%80%8Bmple.com")]
    [InlineData("/exa%0Ample.com/.well-known/matrix/server", "exa%0Ample.com")]
    [InlineData("/exa%1B%5B2Jmple.com/.well-known/matrix/client", "exa%1B%5B2Jmple.com")]
    [InlineData("/1.2.3.4/.well-known/matrix/server", "1.2.3.4")]
    [InlineData("/x/../example.com/.well-known/matrix/server", "x")]
    public async Task Get_SegmentThatIsNotCanonical_Answers404NamingTheSegment(string path, string quoted)
    {
        using var response = await VerbatimRequest.SendAsync(served.BaseAddress, path);

        await PathModeAnswer.AssertInvalidSegmentAsync(response, quoted, "public, max-age=120, s-maxage=120");
    }

    [Fact]
    public async Task Get_HugeSegment_Answers404WithTheSegmentCut()
    {
        var segment = new string('A', 3000) + ".example";

        using var response = await VerbatimRequest.SendAsync(served.BaseAddress, $"/{segment}/.well-known/matrix/server");

        await PathModeAnswer.AssertInvalidSegmentAsync(response, new string('A', 100) + "…", "public, max-age=120, s-maxage=120");
    }

    [Theory]
    [InlineData("//.well-known/matrix/server")]
    [InlineData("/favicon.ico")]
    [InlineData("/example.com/.well-known/matrix/server.json")]
    public async Task Get_PathNoRouteMatches_Answers404WithCors(string path)
    {
        using var response = await VerbatimRequest.SendAsync(served.BaseAddress, path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        PathModeAnswer.AssertStandardHeaders(response);
    }

    [Fact]
    public async Task Get_AbsoluteFormTarget_JudgesItsFirstPathSegment()
    {
        var request = "GET http://delegation.provider.example/EXAMPLE.COM/.well-known/matrix/server HTTP/1.1\r\nHost: delegation.provider.example\r\nConnection: close\r\n\r\n";

        var response = await RawHttp.SendAsync(served.BaseAddress, Encoding.ASCII.GetBytes(request));

        Assert.Equal(301, response.Status);
        Assert.Contains("\r\nLocation: /example.com/.well-known/matrix/server\r\n", response.Text, StringComparison.Ordinal);
    }
}
