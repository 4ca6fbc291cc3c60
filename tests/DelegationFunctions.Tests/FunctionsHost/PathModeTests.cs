using System.Net;

namespace Delegation.Tests.FunctionsHost;

/// <summary>Path mode through the host's hop: the domain is the first path segment, whatever the host headers say.</summary>
public sealed class PathModeTests(FunctionAppUnderHost app) : IClassFixture<FunctionAppUnderHost>
{
    [Theory]
    [InlineData("server", "{\"m.server\":\"matrix.example.com:443\"}")]
    [InlineData("client", "{\"m.homeserver\":{\"base_url\":\"https://matrix.example.com\"}}")]
    public async Task Get_DomainInPath_AnswersItsDocumentOnTheProvidersHost(string document, string body)
    {
        using var request = FunctionAppUnderHost.FromFrontDoor(HttpMethod.Get, $"/example.com/.well-known/matrix/{document}", "delegation.provider.example", "delegation.provider.example");

        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.NotNull(response.Headers.ETag);
    }

    [Theory]
    [InlineData("/example.com/.well-known/matrix/server/")]
    [InlineData("/example.com/.WELL-KNOWN/matrix/Server?x=1")]
    public async Task Get_CanonicalSegmentOtherSuffixSpelling_FindsTheRow(string path)
    {
        using var response = await app.Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/1.2.3.4/.well-known/matrix/server")]
    [InlineData("/[::1]/.well-known/matrix/server")]
    [InlineData("/xn--.com/.well-known/matrix/server")]
    [InlineData("/a..example/.well-known/matrix/server")]
    [InlineData("/exa%20mple.com/.well-known/matrix/server")]
    [InlineData("/unknown.example/.well-known/matrix/server")]
    [InlineData("/example.com/.well-known/matrix/unknown-document")]
    public async Task Get_JunkOrUnknownDomainInPath_Is404NeverA500(string path)
    {
        using var response = await app.Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_NulInPath_IsRefusedBeforeTheWorkerNeverA500()
    {
        // Kestrel refuses a decoded NUL in the path with 400 before any routing, in the host as in serve.
        using var response = await app.Client.GetAsync(new Uri("/%00/.well-known/matrix/server", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Get_VeryLongDomainInPath_Is404NeverA500()
    {
        using var response = await app.Client.GetAsync(new Uri($"/{new string('a', 3000)}.example/.well-known/matrix/server", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task HeadOptionsAndPost_InPathMode_FollowTheContract()
    {
        using var head = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/example.com/.well-known/matrix/server"), TestContext.Current.CancellationToken);
        using var options = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/example.com/.well-known/matrix/server"), TestContext.Current.CancellationToken);
        using var post = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/example.com/.well-known/matrix/server"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NoContent, options.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task Get_IfNoneMatchInPathMode_Answers304()
    {
        using var first = await app.Client.GetAsync(new Uri("/example.com/.well-known/matrix/server", UriKind.Relative), TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/example.com/.well-known/matrix/server");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    // Case reaches the worker as sent: the host's hop keeps it.
    [Theory]
    [InlineData("/EXAMPLE.COM/.well-known/matrix/server", "/example.com/.well-known/matrix/server")]
    [InlineData("/Example.com/.WELL-KNOWN/matrix/Client?x=1", "/example.com/.well-known/matrix/client")]
    public async Task Get_OtherCaseOfACanonicalSegment_Answers301ToTheCanonicalPath(string path, string location)
    {
        using var response = await VerbatimRequest.SendAsync(app.Client.BaseAddress!, path);

        await PathModeAnswer.AssertRedirectAsync(response, location, "public, max-age=3600, s-maxage=600");
    }

    // The worker reads the target the host's YARP hop wrote: decoded by the host's Kestrel, then re-encoded where a path
    // needs it, so a port, a dot, a zero-width or control character reach the check as sent (or re-encoded), ...
    [Theory]
    [InlineData("/example.com:99999/.well-known/matrix/server", "example.com:99999")]
    [InlineData("/example.com:/.well-known/matrix/server", "example.com:")]
    [InlineData("/example.com%3A443/.well-known/matrix/server", "example.com:443")]
    [InlineData("/example.com./.well-known/matrix/server", "example.com.")]
    [InlineData("/EXAMPLE.com./.well-known/matrix/server", "EXAMPLE.com.")]
    [InlineData("/b%C3%BCcher.example/.well-known/matrix/server", "b%C3%BCcher.example")]
    [InlineData("/exa%E2%80%8Bmple.com/.well-known/matrix/server", "exa%E2%80%8Bmple.com")]
    [InlineData("/exa%1B%5B2Jmple.com/.well-known/matrix/client", "exa%1B%5B2Jmple.com")]
    public async Task Get_SegmentThatIsNotCanonical_Answers404NamingTheSegment(string path, string quoted)
    {
        using var response = await VerbatimRequest.SendAsync(app.Client.BaseAddress!, path);

        await PathModeAnswer.AssertInvalidSegmentAsync(response, quoted, "public, max-age=300, s-maxage=300");
    }

    // ... but a percent-encoded letter and dot segments do not: the host decoded and normalised them before the hop.
    [Theory]
    [InlineData("/exa%6Dple.com/.well-known/matrix/server")]
    [InlineData("/x/../example.com/.well-known/matrix/server")]
    public async Task Get_FormTheHostNormalisesBeforeTheHop_AnswersTheCanonicalDocument(string path)
    {
        using var response = await VerbatimRequest.SendAsync(app.Client.BaseAddress!, path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"m.server\":\"matrix.example.com:443\"}", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    // No function's route matches an empty segment in the host, so the worker never sees these; host.json's custom
    // headers put CORS and nosniff on the host's own 404.
    [Theory]
    [InlineData("//.well-known/matrix/server")]
    [InlineData("/favicon.ico")]
    public async Task Get_PathNoFunctionMatches_Answers404WithCors(string path)
    {
        using var response = await VerbatimRequest.SendAsync(app.Client.BaseAddress!, path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        PathModeAnswer.AssertStandardHeaders(response);
    }
}
