using Delegation.Documents;
using Delegation.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DelegationFunctions;

/// <summary>The three anonymous well-known routes; every method reaches the shared handler, which answers 405 itself.</summary>
public sealed class WellKnownFunctions(WellKnownHandler handler)
{
    [Function(nameof(Server))]
    public IActionResult Server([HttpTrigger(AuthorizationLevel.Anonymous, Route = ".well-known/matrix/server")] HttpRequest request) =>
        new WellKnownResult(handler, WellKnownDocument.Server);

    [Function(nameof(Client))]
    public IActionResult Client([HttpTrigger(AuthorizationLevel.Anonymous, Route = ".well-known/matrix/client")] HttpRequest request) =>
        new WellKnownResult(handler, WellKnownDocument.Client);

    [Function(nameof(Support))]
    public IActionResult Support([HttpTrigger(AuthorizationLevel.Anonymous, Route = ".well-known/matrix/support")] HttpRequest request) =>
        new WellKnownResult(handler, WellKnownDocument.Support);
}
