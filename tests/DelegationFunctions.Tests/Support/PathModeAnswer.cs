using System.Net;
using System.Text.Json;

namespace Delegation.Tests.Support;

/// <summary>What path mode answers to a segment that is not canonical, the same in <c>delegation serve</c> and the function app.</summary>
internal static class PathModeAnswer
{
    /// <summary>The 301 to the canonical path: Location, the document's cache lifetime, CORS and nosniff, no body.</summary>
    public static async Task AssertRedirectAsync(HttpResponseMessage response, string location, string cacheControl)
    {
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
        Assert.Equal(cacheControl, response.Headers.CacheControl?.ToString());
        AssertStandardHeaders(response);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The 404 whose error names the segment as sent (escaped), with the 404 cache lifetime, CORS and nosniff.</summary>
    public static async Task AssertInvalidSegmentAsync(HttpResponseMessage response, string quotedSegment, string cacheControl)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(cacheControl, response.Headers.CacheControl?.ToString());
        AssertStandardHeaders(response);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("M_NOT_FOUND", error.RootElement.GetProperty("errcode").GetString());
        Assert.Equal(
            $"The first path segment '{quotedSegment}' is not a domain name in canonical form (lower case, A-labels for Unicode, no port, no trailing dot).",
            error.RootElement.GetProperty("error").GetString());
    }

    /// <summary>CORS and nosniff, each exactly once.</summary>
    public static void AssertStandardHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("GET, HEAD, OPTIONS", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Methods")));
        Assert.Equal("X-Requested-With, Content-Type, Authorization", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Headers")));
    }
}
