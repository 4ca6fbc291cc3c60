using System.Globalization;
using Delegation.Documents;
using Delegation.Names;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Delegation.Serving;

/// <summary>
/// Answers the three well-known documents for the request's domain (docs/reference.md, "HTTP behaviour"). The function app and
/// <c>delegation serve</c> both call this; a cached answer is written from pre-rendered bytes without allocating.
/// </summary>
public sealed partial class WellKnownHandler
{
    private static readonly StringValues AllowOrigin = "*";
    private static readonly StringValues AllowMethods = "GET, HEAD, OPTIONS";
    private static readonly StringValues AllowHeaders = "X-Requested-With, Content-Type, Authorization";
    private static readonly StringValues JsonContentType = "application/json";
    private static readonly StringValues NoStore = "no-store";
    private static readonly StringValues NoSniff = "nosniff";

    private readonly DelegationResolver _resolver;
    private readonly DelegationMetrics _metrics;
    private readonly RequestedHost _requestedHost;
    private readonly StringValues _foundCacheControl;
    private readonly StringValues _notFoundCacheControl;
    private readonly StringValues _retryAfter;

    public WellKnownHandler(DelegationResolver resolver, IOptions<ServingOptions> options, DelegationMetrics metrics, RequestedHost requestedHost)
    {
        _resolver = resolver;
        _metrics = metrics;
        _requestedHost = requestedHost;
        var settings = options.Value;
        _foundCacheControl = string.Create(CultureInfo.InvariantCulture, $"public, max-age={settings.MaxAgeSeconds}, s-maxage={settings.SharedMaxAgeSeconds}");
        // The edge keeps a 404 no longer than federating servers may.
        _notFoundCacheControl = string.Create(
            CultureInfo.InvariantCulture,
            $"public, max-age={settings.NotFoundMaxAgeSeconds}, s-maxage={Math.Min(settings.SharedMaxAgeSeconds, settings.NotFoundMaxAgeSeconds)}");
        _retryAfter = settings.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Answers any request to one of the routes: every method, every Host, never a 500 for input.</summary>
    /// <param name="pathDomain">
    /// The <c>{domain}</c> routing matched (path mode), judged as the client sent it (<see cref="RequestTarget"/>):
    /// another spelling of a canonical segment answers 301 to it, anything else not canonical 404;
    /// <see langword="null"/> takes the domain from the headers.
    /// </param>
    public Task HandleAsync(HttpContext context, WellKnownDocument document, string? pathDomain = null)
    {
        var request = context.Request;
        var response = context.Response;
        var headers = response.Headers;
        AddStandardHeaders(headers);

        if (_requestedHost.IsOtherProfilesProbe(request.Headers))
        {
            _metrics.Request(document, RequestOutcome.Forbidden);
            return WriteAsync(context, StatusCodes.Status403Forbidden, ResponseBodies.Forbidden, NoStore);
        }

        var method = request.Method;
        if (HttpMethods.IsOptions(method))
        {
            response.StatusCode = StatusCodes.Status204NoContent;
            _metrics.Request(document, RequestOutcome.Preflight);
            return Task.CompletedTask;
        }

        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            headers.Allow = AllowMethods;
            _metrics.Request(document, RequestOutcome.MethodNotAllowed);
            return WriteAsync(context, StatusCodes.Status405MethodNotAllowed, ResponseBodies.MethodNotAllowed, NoStore);
        }

        Span<char> buffer = stackalloc char[DomainName.MaxLength];
        scoped ReadOnlySpan<char> domain;
        if (pathDomain is not null)
        {
            if (AnswerNonCanonicalSegment(context, document, pathDomain, buffer, out domain) is { } answered)
            {
                return answered;
            }
        }
        else if (!DomainName.TryNormalizeHost(_requestedHost.Select(request.Headers), buffer, out domain))
        {
            _metrics.Request(document, RequestOutcome.InvalidHost);
            return WriteAsync(context, StatusCodes.Status404NotFound, ResponseBodies.InvalidHost, _notFoundCacheControl);
        }

        return _resolver.TryGetFresh(domain, out var resolution)
            ? WriteResolutionAsync(context, document, resolution)
            : ResolveAndWriteAsync(context, document, domain.ToString());
    }

    /// <summary>Answers a request outside the three routes (used by <c>delegation serve</c>).</summary>
    public static Task WriteUnknownPathAsync(HttpContext context)
    {
        AddStandardHeaders(context.Response.Headers);
        return WriteAsync(context, StatusCodes.Status404NotFound, ResponseBodies.UnknownPath, NoStore);
    }

    // CORS on every answer, 404 included (a web client cannot read a 404 without it), and nosniff so that no browser
    // renders a document as anything but JSON.
    private static void AddStandardHeaders(IHeaderDictionary headers)
    {
        headers.XContentTypeOptions = NoSniff;
        headers.AccessControlAllowOrigin = AllowOrigin;
        headers.AccessControlAllowMethods = AllowMethods;
        headers.AccessControlAllowHeaders = AllowHeaders;
    }

    private async Task ResolveAndWriteAsync(HttpContext context, WellKnownDocument document, string domain)
    {
        var resolution = await _resolver.ResolveAsync(domain, context.RequestAborted);
        await WriteResolutionAsync(context, document, resolution);
    }

    private Task WriteResolutionAsync(HttpContext context, WellKnownDocument document, Resolution resolution)
    {
        switch (resolution.Status)
        {
            case ResolutionStatus.Found when resolution.Documents![document] is { } rendered:
                return WriteDocumentAsync(context, document, rendered);
            case ResolutionStatus.Found:
                _metrics.Request(document, RequestOutcome.NotFound);
                return WriteAsync(context, StatusCodes.Status404NotFound, ResponseBodies.DocumentNotFound(document), _notFoundCacheControl);
            case ResolutionStatus.NotFound:
                _metrics.Request(document, RequestOutcome.NotFound);
                return WriteAsync(context, StatusCodes.Status404NotFound, ResponseBodies.NotFound, _notFoundCacheControl);
            default:
                _metrics.Request(document, RequestOutcome.Unavailable);
                context.Response.Headers.RetryAfter = _retryAfter;
                return WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ResponseBodies.Unavailable, NoStore);
        }
    }

    private Task WriteDocumentAsync(HttpContext context, WellKnownDocument document, RenderedDocument rendered)
    {
        var response = context.Response;
        response.Headers.ETag = rendered.ETag;
        if (IfNoneMatch(context.Request, rendered.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.Headers.CacheControl = _foundCacheControl;
            _metrics.Request(document, RequestOutcome.NotModified);
            return Task.CompletedTask;
        }

        _metrics.Request(document, RequestOutcome.Ok);
        return WriteAsync(context, StatusCodes.Status200OK, rendered.Body, _foundCacheControl);
    }

    private static bool IfNoneMatch(HttpRequest request, string etag)
    {
        var values = request.Headers.IfNoneMatch;
        if (values.Count == 0)
        {
            return false;
        }

        foreach (var value in values)
        {
            foreach (var range in value.AsSpan().Split(','))
            {
                var candidate = value.AsSpan()[range].Trim();
                if (candidate.StartsWith("W/"))
                {
                    candidate = candidate[2..];
                }

                if (candidate.SequenceEqual("*") || candidate.SequenceEqual(etag))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static Task WriteAsync(HttpContext context, int status, byte[] body, StringValues cacheControl)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.Headers.CacheControl = cacheControl;
        response.ContentType = JsonContentType;
        response.ContentLength = body.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return Task.CompletedTask;
        }

        var write = response.Body.WriteAsync(body);
        return write.IsCompletedSuccessfully ? Task.CompletedTask : write.AsTask();
    }
}
