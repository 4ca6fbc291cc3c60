using System.Net;

namespace Delegation.Tests.Serving;

/// <summary>
/// The health route in <c>delegation serve</c>: up means 200, whatever the table does, and it reads no row; a probe of
/// another Front Door profile gets nothing else.
/// </summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Get_StorageUnreachable_Answers200NoStoreWhileTheDocumentsAnswer503()
    {
        await using var host = await ServingHost.StartWithUnreachableStorageAsync(ServedTable.Settings);
        using var document = new HttpRequestMessage(HttpMethod.Get, "/.well-known/matrix/server");
        document.Headers.Host = "example.com";

        using var health = await host.Client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        using var outage = await host.Client.SendAsync(document, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("healthy", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("no-store", health.Headers.CacheControl!.ToString());
        Assert.Equal("nosniff", Assert.Single(health.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, outage.StatusCode);
    }

    [Fact]
    public async Task Head_AsFrontDoorProbes_Answers200WithoutABody()
    {
        await using var host = await ServingHost.StartWithUnreachableStorageAsync(ServedTable.Settings);
        using var request = new HttpRequestMessage(HttpMethod.Head, "/healthz");
        request.Headers.UserAgent.ParseAdd("Edge Health Probe");

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// The access restriction admits every Front Door profile's probes: one without our ID gets the health route, and
    /// on a document route a 403 before any table read (with storage unreachable, a read would answer 503).
    /// </summary>
    [Theory]
    [InlineData("/healthz", null, HttpStatusCode.OK)]
    [InlineData("/.well-known/matrix/server", null, HttpStatusCode.Forbidden)]
    [InlineData("/example.com/.well-known/matrix/client", "someone-elses-front-door", HttpStatusCode.Forbidden)]
    [InlineData("/.well-known/matrix/server", ServedTable.FrontDoorId, HttpStatusCode.ServiceUnavailable)]
    public async Task Probe_OtherThanOurFrontDoors_AnswersOnlyTheHealthRoute(string path, string? frontDoorId, HttpStatusCode expected)
    {
        await using var host = await ServingHost.StartWithUnreachableStorageAsync(ServedTable.Settings);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "example.com";
        request.Headers.Add("X-FD-HealthProbe", "1");
        if (frontDoorId is not null)
        {
            request.Headers.Add("X-Azure-FDID", frontDoorId);
        }

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal("""{"errcode":"M_FORBIDDEN","error":"A health probe is answered at /healthz only."}""", body);
            Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
            Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        }
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task OtherMethod_Answers405NamingGetAndHead(string method)
    {
        await using var host = await ServingHost.StartWithUnreachableStorageAsync(ServedTable.Settings);
        using var request = new HttpRequestMessage(new HttpMethod(method), "/healthz");

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }
}
