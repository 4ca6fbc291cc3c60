using Delegation.Documents;
using Delegation.Serving;
using Microsoft.AspNetCore.Mvc;

namespace DelegationFunctions;

/// <summary>Hands the response to the shared handler, so the function holds no HTTP logic of its own.</summary>
/// <param name="pathMode">Whether the domain is the route's <c>{domain}</c> value rather than the request's host.</param>
internal sealed class WellKnownResult(WellKnownHandler handler, WellKnownDocument document, bool pathMode) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        // The worker matched the route itself (ASP.NET Core integration), so the segment is in the route values.
        var pathDomain = pathMode ? WellKnownRoutes.PathDomain(context.HttpContext) : null;
        return handler.HandleAsync(context.HttpContext, document, pathDomain);
    }
}
