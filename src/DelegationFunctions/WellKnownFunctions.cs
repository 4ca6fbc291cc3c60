using Delegation.Documents;
using Delegation.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DelegationFunctions;

/// <summary>
/// The anonymous well-known routes, in host mode (the domain in the request's host) and path mode (the domain in the
/// first segment); every method reaches the shared handler, which answers 405 itself.
/// </summary>
public sealed class WellKnownFunctions(WellKnownHandler handler)
{
    [Function(nameof(Server))]
    public IActionResult Server([HttpTrigger(AuthorizationLevel.Anonymous, Route = WellKnownRoutes.Server)] HttpRequest request) =>
        new WellKnownResult(handler, WellKnownDocument.Server, pathMode: false);

    [Function(nameof(Client))]
    public IActionResult Client([HttpTrigger(AuthorizationLevel.Anonymous, Route = WellKnownRoutes.Client)] HttpRequest request) =>
        new WellKnownResult(handler, WellKnownDocument.Client, pathMode: false);

    [Function(nameof(Support))]
    public IActionResult Support([HttpTrigger(AuthorizationLevel.Anonymous, Route = WellKnownRoutes.Support)] HttpRequest request) =>
        new WellKnownResult(handler, WellKnownDocument.Support, pathMode: false);

    [Function(nameof(DomainServer))]
    public IActionResult DomainServer([HttpTrigger(AuthorizationLevel.Anonymous, Route = WellKnownRoutes.DomainServer)] HttpRequest request) =>
        new WellKnownResult(handler, WellKnownDocument.Server, pathMode: true);

    [Function(nameof(DomainClient))]
    public IActionResult DomainClient([HttpTrigger(AuthorizationLevel.Anonymous, Route = WellKnownRoutes.DomainClient)] HttpRequest request) =>
        new WellKnownResult(handler, WellKnownDocument.Client, pathMode: true);

    [Function(nameof(DomainSupport))]
    public IActionResult DomainSupport([HttpTrigger(AuthorizationLevel.Anonymous, Route = WellKnownRoutes.DomainSupport)] HttpRequest request) =>
        new WellKnownResult(handler, WellKnownDocument.Support, pathMode: true);
}
