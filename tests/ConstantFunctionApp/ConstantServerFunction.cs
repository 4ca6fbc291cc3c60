using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ConstantFunctionApp;

/// <summary>Answers the server document as a constant with the headers the real app sends, and nothing else.</summary>
public static class ConstantServerFunction
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"m.server\":\"matrix.example.com:443\"}");

    [Function("Server")]
    public static IActionResult Server([HttpTrigger(AuthorizationLevel.Anonymous, Route = ".well-known/matrix/server")] HttpRequest request)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.AccessControlAllowOrigin = "*";
        headers.AccessControlAllowMethods = "GET, HEAD, OPTIONS";
        headers.AccessControlAllowHeaders = "X-Requested-With, Content-Type, Authorization";
        headers.CacheControl = "public, max-age=14400, s-maxage=600";
        headers.ETag = "\"c294b7608037721b8b708b21\"";
        return new FileContentResult(Body, "application/json");
    }
}
