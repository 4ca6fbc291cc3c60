using Delegation.Documents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Delegation.Benchmarks;

/// <summary>
/// The reference for eng/loadtest.sh: the same host builder as <c>delegation serve</c> answering the demo server
/// document as a constant, with the same headers, and nothing else.
/// </summary>
internal static class BareKestrelApp
{
    public static readonly RenderedDocument Document = new("{\"m.server\":\"matrix.example.com:443\"}"u8.ToArray());

    private static readonly StringValues Origin = "*";
    private static readonly StringValues Methods = "GET, HEAD, OPTIONS";
    private static readonly StringValues AllowHeaders = "X-Requested-With, Content-Type, Authorization";
    private static readonly StringValues CacheControl = "public, max-age=14400, s-maxage=600";
    private static readonly StringValues ETag = Document.ETag;

    public static async Task<int> RunAsync(string urls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        var app = builder.Build();
        app.Run(WriteAsync);
        await app.RunAsync();
        return 0;
    }

    /// <summary>Writes the constant document; also the baseline of the handler benchmark.</summary>
    public static Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers.AccessControlAllowOrigin = Origin;
        headers.AccessControlAllowMethods = Methods;
        headers.AccessControlAllowHeaders = AllowHeaders;
        headers.ETag = ETag;
        headers.CacheControl = CacheControl;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = Document.Body.Length;
        var write = response.Body.WriteAsync(Document.Body);
        return write.IsCompletedSuccessfully ? Task.CompletedTask : write.AsTask();
    }
}
