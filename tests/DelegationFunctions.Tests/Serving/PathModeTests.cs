using System.Net;

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
    public async Task Get_UnicodeDomainInPath_IsLookedUpAsALabel()
    {
        using var response = await served.Client.GetAsync(new Uri("/b%C3%BCcher.example/.well-known/matrix/server", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("matrix.xn--bcher-kva.example:443", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
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
}
