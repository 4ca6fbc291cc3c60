using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Delegation.Serving;

/// <summary>
/// Answers Front Door's health probe: 200 whenever the process is up and routing requests, without touching the table.
/// </summary>
/// <remarks>
/// Both regions read the same table (its primary endpoint, then its secondary), so a storage check would fail in both
/// origins at once, and Front Door then routes to every origin anyway ("Complete health probe failure",
/// learn.microsoft.com/azure/frontdoor/health-probes); a probe also reaches just one of an app's instances. What tells
/// one region from the other is whether its app answers at all: the platform, the host, the worker and this code.
/// </remarks>
public static class HealthEndpoint
{
    private static readonly StringValues AllowMethods = "GET, HEAD";
    private static readonly StringValues NoStore = "no-store";
    private static readonly StringValues NoSniff = "nosniff";
    private static readonly StringValues PlainText = "text/plain; charset=utf-8";
    private static readonly byte[] Healthy = "healthy"u8.ToArray();

    /// <summary>GET and HEAD answer 200 (HEAD without a body, as Front Door's default probe asks); any other method 405.</summary>
    public static Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers.CacheControl = NoStore;
        response.Headers.XContentTypeOptions = NoSniff;
        var method = context.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = AllowMethods;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = PlainText;
        response.ContentLength = Healthy.Length;
        return HttpMethods.IsHead(method) ? Task.CompletedTask : response.Body.WriteAsync(Healthy).AsTask();
    }
}
