using Delegation.Documents;
using Delegation.Serving;
using Microsoft.AspNetCore.Mvc;

namespace DelegationFunctions;

/// <summary>Hands the response to the shared handler, so the function holds no HTTP logic of its own.</summary>
internal sealed class WellKnownResult(WellKnownHandler handler, WellKnownDocument document) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => handler.HandleAsync(context.HttpContext, document);
}
