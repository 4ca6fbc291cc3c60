using Delegation.Documents;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Delegation.Serving;

/// <summary>
/// The routes of the three documents, in the form function attributes and route templates take (no leading slash).
/// Host mode names the domain in the request's host; path mode in the first segment, for a customer's redirect
/// (docs/reference.md, "Routes"). Beside them, the health route Front Door probes when two regions serve.
/// </summary>
public static class WellKnownRoutes
{
    public const string DomainParameter = "domain";

    public const string Server = ".well-known/matrix/server";
    public const string Client = ".well-known/matrix/client";
    public const string Support = ".well-known/matrix/support";

    public const string DomainServer = "{" + DomainParameter + "}/" + Server;
    public const string DomainClient = "{" + DomainParameter + "}/" + Client;
    public const string DomainSupport = "{" + DomainParameter + "}/" + Support;

    // Outside /.well-known/matrix/, so no customer domain's route (which forwards only that prefix) reaches it, and one
    // segment, so it never matches a path-mode route.
    public const string Health = "healthz";

    /// <summary>The host-mode route of <paramref name="document"/>, which path mode puts after the domain.</summary>
    public static string Of(WellKnownDocument document) => document switch
    {
        WellKnownDocument.Server => Server,
        WellKnownDocument.Client => Client,
        _ => Support,
    };

    /// <summary>The <c>{domain}</c> value a path-mode route matched; empty (answered 404) if routing gave none.</summary>
    public static string PathDomain(HttpContext context) => context.GetRouteValue(DomainParameter) as string ?? string.Empty;
}
