using Delegation.Documents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Delegation.Serving;

/// <summary>
/// Maps <see cref="WellKnownRoutes"/> onto the shared handler (and the health route onto <see cref="HealthEndpoint"/>) for a host with endpoint routing (<c>delegation serve</c>);
/// the function app maps the same constants through its function attributes. Every method reaches the handler.
/// </summary>
public static class WellKnownEndpoints
{
    public static IEndpointRouteBuilder MapWellKnown(this IEndpointRouteBuilder endpoints)
    {
        var handler = endpoints.ServiceProvider.GetRequiredService<WellKnownHandler>();
        Map(endpoints, handler, WellKnownRoutes.Server, WellKnownRoutes.DomainServer, WellKnownDocument.Server);
        Map(endpoints, handler, WellKnownRoutes.Client, WellKnownRoutes.DomainClient, WellKnownDocument.Client);
        Map(endpoints, handler, WellKnownRoutes.Support, WellKnownRoutes.DomainSupport, WellKnownDocument.Support);
        endpoints.Map(WellKnownRoutes.Health, HealthEndpoint.WriteAsync);
        // Every path, file-like ones included (the default fallback pattern skips "/favicon.ico"), so no 404 lacks CORS.
        endpoints.MapFallback("{*path}", WellKnownHandler.WriteUnknownPathAsync);
        return endpoints;
    }

    private static void Map(IEndpointRouteBuilder endpoints, WellKnownHandler handler, string hostRoute, string pathRoute, WellKnownDocument document)
    {
        endpoints.Map(hostRoute, context => handler.HandleAsync(context, document));
        endpoints.Map(pathRoute, context => handler.HandleAsync(context, document, WellKnownRoutes.PathDomain(context)));
    }
}
