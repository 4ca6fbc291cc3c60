using System.Net;
using System.Text.Json;

namespace Delegation.Tests.Serving;

/// <summary>Every row of the table in docs/reference.md, "Answers", over real HTTP against a real table on Azurite.</summary>
public sealed class WellKnownHandlerTests(ServedTable served) : IClassFixture<ServedTable>
{
    [Fact]
    public async Task Get_KnownDomain_Answers200WithCompactJsonAndCacheHeaders()
    {
        using var response = await SendAsync(HttpMethod.Get, "/.well-known/matrix/server", "example.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("public, max-age=3600, s-maxage=600", response.Headers.CacheControl!.ToString());
        Assert.NotNull(response.Headers.ETag);
        AssertStandardHeaders(response);
        // Byte for byte: compact UTF-8 with no byte order mark in front.
        Assert.Equal("{\"m.server\":\"matrix.example.com:443\"}"u8.ToArray(), await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Get_ClientDocument_HasHomeserverAndNoEmptyObjects()
    {
        using var response = await SendAsync(HttpMethod.Get, "/.well-known/matrix/client", "example.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"m.homeserver\":{\"base_url\":\"https://matrix.example.com\"}}", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("unknown.example")]
    [InlineData("example.org")]
    [InlineData("a.b.example.org")]
    public async Task Get_UnknownDomain_Answers404MatrixErrorWithShortCacheAndCors(string host)
    {
        using var response = await SendAsync(HttpMethod.Get, "/.well-known/matrix/server", host);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("public, max-age=120, s-maxage=120", response.Headers.CacheControl!.ToString());
        AssertStandardHeaders(response);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("M_NOT_FOUND", error.RootElement.GetProperty("errcode").GetString());
        Assert.Equal("No Matrix delegation is configured for this domain.", error.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Get_DocumentNotConfigured_Answers404()
    {
        using var support = await SendAsync(HttpMethod.Get, "/.well-known/matrix/support", "example.com");
        using var server = await SendAsync(HttpMethod.Get, "/.well-known/matrix/server", "support.example");

        Assert.Equal(HttpStatusCode.NotFound, support.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, server.StatusCode);
    }

    [Fact]
    public async Task Get_SupportDocument_IsServed()
    {
        using var response = await SendAsync(HttpMethod.Get, "/.well-known/matrix/support", "support.example");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"m.role.admin\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_DirectSubdomainOfWildcard_AnswersFromWildcardRow()
    {
        using var response = await SendAsync(HttpMethod.Get, "/.well-known/matrix/server", "chat.example.org");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"m.server\":\"wild.example.org:8448\"}", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Get_InvalidRowEditedByHand_AnswersNotFoundForInvalidDocumentOnly()
    {
        using var server = await SendAsync(HttpMethod.Get, "/.well-known/matrix/server", "broken.example");
        using var client = await SendAsync(HttpMethod.Get, "/.well-known/matrix/client", "broken.example");
        using var typed = await SendAsync(HttpMethod.Get, "/.well-known/matrix/server", "typed.example");

        Assert.Equal(HttpStatusCode.NotFound, server.StatusCode);
        Assert.Equal(HttpStatusCode.OK, client.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, typed.StatusCode);
    }

    [Fact]
    public async Task Head_KnownDomain_SameStatusAndHeadersWithoutBody()
    {
        using var get = await SendAsync(HttpMethod.Get, "/.well-known/matrix/server", "example.com");
        using var head = await SendAsync(HttpMethod.Head, "/.well-known/matrix/server", "example.com");

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Equal(get.Headers.CacheControl, head.Headers.CacheControl);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        AssertStandardHeaders(head);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Head_UnknownDomain_Answers404WithoutBody()
    {
        using var head = await SendAsync(HttpMethod.Head, "/.well-known/matrix/client", "unknown.example");

        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Options_AnyDomain_Answers204WithCors()
    {
        using var response = await SendAsync(HttpMethod.Options, "/.well-known/matrix/client", "unknown.example");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        AssertStandardHeaders(response);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("TRACE")]
    [InlineData("PROPFIND")]
    public async Task OtherMethod_Answers405WithAllow(string method)
    {
        using var response = await SendAsync(new HttpMethod(method), "/.well-known/matrix/server", "example.com");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET, HEAD, OPTIONS", string.Join(", ", response.Content.Headers.Allow));
        AssertStandardHeaders(response);
    }

    [Theory]
    [InlineData("1.2.3.4")]
    [InlineData("1.2.3.4:80")]
    [InlineData("[::1]")]
    [InlineData("[::1]:8080")]
    [InlineData("example..com")]
    [InlineData("-")]
    [InlineData("xn--zz.example")]
    [InlineData("XN--ZZ.example:443")]
    public async Task Get_HostNotAValidName_Answers404WithCors(string host)
    {
        var response = await RawHttp.GetAsync(served.BaseAddress, host);

        Assert.Equal(404, response.Status);
        Assert.Contains("Access-Control-Allow-Origin: *", response.Text, StringComparison.Ordinal);
    }

    // Kestrel (and the Functions host in front of the worker) refuse these Host values as bad syntax before any
    // handler runs; docs/reference.md, "Answers", allows 400 there. What matters: never a 5xx, never a lookup.
    [Theory]
    [InlineData("exa\"mple.com")]
    [InlineData("example.com' or PartitionKey ne '")]
    [InlineData("PartitionKey%20eq%20'example.com'")]
    [InlineData("*.example.org")]
    [InlineData("bücher.example")]
    [InlineData("a b")]
    public async Task Get_HostWithInvalidSyntax_Answers400Or404(string host)
    {
        var response = await RawHttp.GetAsync(served.BaseAddress, host);

        Assert.True(response.Status is 400 or 404, $"{host} answered {response.Status}");
    }

    [Fact]
    public async Task Get_EmptyHost_Answers404()
    {
        var response = await RawHttp.GetAsync(served.BaseAddress, string.Empty);

        Assert.Equal(404, response.Status);
    }

    [Fact]
    public async Task Get_TenKilobyteHost_IsRefusedWithoutServerError()
    {
        var response = await RawHttp.GetAsync(served.BaseAddress, new string('a', 10 * 1024) + ".example");

        Assert.InRange(response.Status, 400, 499);
    }

    [Fact]
    public async Task Get_ForwardedUnicodeHostAsALabel_FindsTheRow()
    {
        using var request = Request(HttpMethod.Get, "/.well-known/matrix/server", "app.azurewebsites.net");
        request.Headers.Add("X-Azure-FDID", ServedTable.FrontDoorId);
        request.Headers.Add("X-Forwarded-Host", "XN--BCHER-KVA.example");

        using var response = await served.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("matrix.xn--bcher-kva.example:443", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EXAMPLE.com")]
    [InlineData("example.com.")]
    [InlineData("example.com:8443")]
    public async Task Get_HostNeedingNormalisation_FindsTheRow(string host)
    {
        var response = await RawHttp.GetAsync(served.BaseAddress, host);

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task Get_WithQueryString_AnswersAsWithout()
    {
        using var plain = await SendAsync(HttpMethod.Get, "/.well-known/matrix/server", "example.com");
        using var query = await SendAsync(HttpMethod.Get, "/.well-known/matrix/server?x=1&PartitionKey=evil", "example.com");

        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.Equal(await plain.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await query.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Get_FromFrontDoorWithMatchingId_UsesForwardedHost()
    {
        using var request = Request(HttpMethod.Get, "/.well-known/matrix/server", "app.azurewebsites.net");
        request.Headers.Add("X-Azure-FDID", ServedTable.FrontDoorId);
        request.Headers.Add("X-Forwarded-Host", "front.example");

        using var response = await served.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"m.server\":\"front-matrix.example:443\"}", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("someone-elses-front-door")]
    public async Task Get_ForwardedHostWithoutMatchingFrontDoorId_IsIgnored(string? frontDoorId)
    {
        using var request = Request(HttpMethod.Get, "/.well-known/matrix/server", "unknown.example");
        if (frontDoorId is not null)
        {
            request.Headers.Add("X-Azure-FDID", frontDoorId);
        }

        request.Headers.Add("X-Forwarded-Host", "front.example");

        using var response = await served.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_IfNoneMatchCurrentETag_Answers304()
    {
        using var first = await SendAsync(HttpMethod.Get, "/.well-known/matrix/server", "example.com");
        using var request = Request(HttpMethod.Get, "/.well-known/matrix/server", "example.com");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await served.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(first.Headers.ETag, response.Headers.ETag);
        AssertStandardHeaders(response);
    }

    [Fact]
    public async Task Get_OtherPath_Answers404WithCors()
    {
        using var response = await SendAsync(HttpMethod.Get, "/.well-known/matrix/other", "example.com");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertStandardHeaders(response);
    }

    private static void AssertStandardHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("GET, HEAD, OPTIONS", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Equal("X-Requested-With, Content-Type, Authorization", response.Headers.GetValues("Access-Control-Allow-Headers").Single());
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string host)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Host = host;
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string host)
    {
        using var request = Request(method, path, host);
        return await served.Client.SendAsync(request);
    }
}
