using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Delegation.Serving;

/// <summary>
/// The request target as the client sent it. Routing hands path mode its <c>{domain}</c> decoded, so
/// <c>/exa%6Dple.com/</c> and <c>/example.com/</c> look alike there; Kestrel keeps the undecoded target in
/// <see cref="IHttpRequestFeature.RawTarget"/>. In the function app that is the target the Functions host's YARP hop
/// wrote: the host's own Kestrel decoded the path, and YARP re-encodes only what a path may not hold
/// (microsoft/reverse-proxy, <c>src/ReverseProxy/Forwarder/RequestUtilities.cs</c>, <c>MakeDestinationAddress</c>), so
/// case, ports and dots arrive as sent, a percent-encoded letter and dot segments do not.
/// </summary>
internal static class RequestTarget
{
    /// <summary>The first path segment, still percent-encoded; empty when the target has none.</summary>
    public static ReadOnlySpan<char> FirstSegment(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var path = string.IsNullOrEmpty(raw) ? context.Request.Path.Value.AsSpan() : raw.AsSpan();

        // absolute-form ("GET http://host/path HTTP/1.1") carries scheme and authority before the path
        if (!path.StartsWith('/'))
        {
            var authority = path.IndexOf("://", StringComparison.Ordinal);
            var slash = authority < 0 ? -1 : path[(authority + 3)..].IndexOf('/');
            if (slash < 0)
            {
                return default;
            }

            path = path[(authority + 3 + slash)..];
        }

        path = path[1..];
        var end = path.IndexOfAny('/', '?');
        return end < 0 ? path : path[..end];
    }
}
