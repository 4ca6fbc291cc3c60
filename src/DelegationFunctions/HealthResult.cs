using Delegation.Serving;
using Microsoft.AspNetCore.Mvc;

namespace DelegationFunctions;

/// <summary>Hands the health probe's response to <see cref="HealthEndpoint"/>, as <c>delegation serve</c> does.</summary>
internal sealed class HealthResult : IActionResult
{
    public static HealthResult Instance { get; } = new();

    public Task ExecuteResultAsync(ActionContext context) => HealthEndpoint.WriteAsync(context.HttpContext);
}
