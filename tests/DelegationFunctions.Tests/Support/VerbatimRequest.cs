namespace Delegation.Tests.Support;

/// <summary>
/// Sends a request whose target reaches the server byte for byte as written (percent-encoding, case and dot segments
/// kept, which <see cref="Uri"/> would otherwise canonicalise) and does not follow redirects, so a test sees each 301.
/// </summary>
internal static class VerbatimRequest
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });

    public static async Task<HttpResponseMessage> SendAsync(Uri server, string pathAndQuery, HttpMethod? method = null)
    {
        var target = new Uri(server.GetLeftPart(UriPartial.Authority) + pathAndQuery, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, target);
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
