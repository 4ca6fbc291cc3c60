using Delegation.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DelegationFunctions;

/// <summary>The route Front Door's health probe asks when two regions serve; every method reaches the shared endpoint.</summary>
public sealed class HealthFunctions
{
    [Function(nameof(Health))]
    public IActionResult Health([HttpTrigger(AuthorizationLevel.Anonymous, Route = WellKnownRoutes.Health)] HttpRequest request) =>
        HealthResult.Instance;
}
