using System.Net;

namespace Delegation.Tests.FunctionsHost;

/// <summary>
/// Requests shaped as Front Door sends them, through the host's hop to the worker: the origin's own host name in
/// <c>Host</c>, the client's host in <c>X-Forwarded-Host</c>, the profile's ID, and the rule set's <c>X-Delegation-Host</c>.
/// </summary>
public sealed class FrontDoorRequestTests(FunctionAppUnderHost app) : IClassFixture<FunctionAppUnderHost>
{
    [Theory]
    [InlineData("server", "{\"m.server\":\"matrix.example.com:443\"}")]
    [InlineData("client", "{\"m.homeserver\":{\"base_url\":\"https://matrix.example.com\"}}")]
    [InlineData("support", "{\"contacts\":[{\"email_address\":\"admin@example.com\",\"role\":\"m.role.admin\"}]}")]
    public async Task Get_FromFrontDoor_AnswersTheClientHostsDocument(string document, string body)
    {
        using var request = FunctionAppUnderHost.FromFrontDoor(HttpMethod.Get, $"/.well-known/matrix/{document}", "example.com", "example.com");

        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=3600, s-maxage=600", response.Headers.CacheControl!.ToString());
        Assert.NotNull(response.Headers.ETag);
        AssertCors(response);
    }

    [Fact]
    public async Task Get_FromOurSecondFrontDoor_AnswersTheClientHostsDocument()
    {
        using var request = FunctionAppUnderHost.FromFrontDoor(HttpMethod.Get, "/.well-known/matrix/server", "example.com", "EXAMPLE.com.", FunctionAppUnderHost.OurOtherFrontDoorId);

        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>
    /// A health probe as the access restriction admits it without our ID: the health route answers, a document route
    /// that would answer example.com's document answers 403 instead.
    /// </summary>
    [Theory]
    [InlineData("HEAD", "/healthz", HttpStatusCode.OK)]
    [InlineData("GET", "/example.com/.well-known/matrix/server", HttpStatusCode.Forbidden)]
    public async Task Probe_WithoutOurFrontDoorId_AnswersOnlyTheHealthRoute(string method, string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Host = FunctionAppUnderHost.AppHostName;
        request.Headers.UserAgent.ParseAdd("Edge Health Probe");
        request.Headers.Add("X-FD-HealthProbe", "1");

        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Get_IfNoneMatchTheETag_Answers304()
    {
        using var first = await app.Client.SendAsync(FunctionAppUnderHost.FromFrontDoor(HttpMethod.Get, "/.well-known/matrix/server", "example.com", "example.com"), TestContext.Current.CancellationToken);
        using var request = FunctionAppUnderHost.FromFrontDoor(HttpMethod.Get, "/.well-known/matrix/server", "example.com", "example.com");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(first.Headers.ETag, response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Head_FromFrontDoor_AnswersTheGetHeadersWithoutBody()
    {
        using var request = FunctionAppUnderHost.FromFrontDoor(HttpMethod.Head, "/.well-known/matrix/server", "example.com", "example.com");

        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(37, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        AssertCors(response);
    }

    [Fact]
    public async Task Options_FromFrontDoor_Answers204WithCors()
    {
        using var request = FunctionAppUnderHost.FromFrontDoor(HttpMethod.Options, "/.well-known/matrix/client", "example.com", "example.com");

        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        AssertCors(response);
    }

    [Fact]
    public async Task Post_FromFrontDoor_Answers405WithAllow()
    {
        using var request = FunctionAppUnderHost.FromFrontDoor(HttpMethod.Post, "/.well-known/matrix/server", "example.com", "example.com");

        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "OPTIONS"], response.Content.Headers.Allow);
        AssertCors(response);
    }

    [Fact]
    public async Task Get_FrontDoorWithoutTheRuleSet_ForwardedHostDoesNotSurviveTheHop()
    {
        // What the Functions host does to X-Forwarded-Host (docs/reference.md, "Which domain is asked for"): without
        // X-Delegation-Host the worker sees only the app's own host name, so the answer is a 404 and the handler warns
        // about the missing rule set.
        using var request = FunctionAppUnderHost.FromFrontDoor(HttpMethod.Get, "/.well-known/matrix/server", "example.com", delegationHost: null);

        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(app.Host.Logs, l => l.Level == "Warning" && l.Message.Contains("X-Delegation-Host", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_ClientHostDirectly_IsServedThroughTheHop()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/matrix/server");
        request.Headers.Host = "example.com";

        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_SomeoneElsesFrontDoor_IgnoresBothHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/matrix/server");
        request.Headers.Host = "unknown.example";
        request.Headers.Add("X-Azure-FDID", "someone-elses-front-door");
        request.Headers.Add("X-Delegation-Host", "example.com");

        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("xn--.com")]
    [InlineData("a..example.com")]
    [InlineData("1.2.3.4")]
    [InlineData("[::1]")]
    [InlineData("exa mple.com")]
    [InlineData("-example.com")]
    [InlineData("%00example.com")]
    public async Task Get_JunkInDelegationHost_Is404NeverA500(string junk)
    {
        using var request = FunctionAppUnderHost.FromFrontDoor(HttpMethod.Get, "/.well-known/matrix/server", "example.com", junk);

        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertCors(response);
    }

    [Fact]
    public async Task Get_VeryLongDelegationHost_Is404NeverA500()
    {
        using var request = FunctionAppUnderHost.FromFrontDoor(HttpMethod.Get, "/.well-known/matrix/server", "example.com", new string('a', 4000) + ".example");

        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_HostTheWorkerCannotTake_IsAnsweredNotLeftHanging()
    {
        // Such a Host stalls the worker's ASP.NET Core integration before any function code runs (docs/reference.md,
        // "Azure facts the design depends on"), and the worker gives the invocation up after its own 15 s. Front Door
        // and App Service pass only configured host names, so this cannot reach the app on Azure; the harness must
        // still answer rather than wait for ever.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/matrix/server");
        request.Headers.Host = "xn--.com";

        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    private static void AssertCors(HttpResponseMessage response)
    {
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("GET, HEAD, OPTIONS", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Methods")));
        Assert.Equal("X-Requested-With, Content-Type, Authorization", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Headers")));
    }
}
