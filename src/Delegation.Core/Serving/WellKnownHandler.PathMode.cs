using System.Text;
using Delegation.Documents;
using Delegation.Names;
using Microsoft.AspNetCore.Http;

namespace Delegation.Serving;

/// <summary>Path mode: one path per domain (<see cref="PathDomain"/>), judged on the segment as the client sent it.</summary>
public sealed partial class WellKnownHandler
{
    /// <summary>
    /// The answer to a segment that is not canonical: 301 to the canonical path for another spelling of it, 404 naming
    /// the segment for anything else. <see langword="null"/> when the segment is canonical; <paramref name="domain"/>
    /// is then the domain to look up.
    /// </summary>
    private Task? AnswerNonCanonicalSegment(HttpContext context, WellKnownDocument document, string pathDomain, Span<char> buffer, out ReadOnlySpan<char> domain)
    {
        var segment = RequestTarget.FirstSegment(context);
        var form = PathDomain.Classify(segment, buffer, out domain);

        // The segment as sent must be the one routing matched: a target with dot segments ("/x/../example.com/...")
        // reaches the route with another first segment than the one it starts with.
        if (form == PathDomainForm.Invalid || !Ascii.EqualsIgnoreCase(domain, pathDomain))
        {
            _metrics.Request(document, RequestOutcome.InvalidPath);
            return WriteAsync(context, StatusCodes.Status404NotFound, ResponseBodies.InvalidPathSegment(segment), _notFoundCacheControl);
        }

        if (form == PathDomainForm.Canonical)
        {
            return null;
        }

        // Another spelling is moved for good, and no table read decides it: cached like a document.
        _metrics.Request(document, RequestOutcome.Redirect);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status301MovedPermanently;
        response.Headers.Location = string.Concat("/", domain, "/", WellKnownRoutes.Of(document));
        response.Headers.CacheControl = _foundCacheControl;
        response.ContentLength = 0;
        return Task.CompletedTask;
    }
}
