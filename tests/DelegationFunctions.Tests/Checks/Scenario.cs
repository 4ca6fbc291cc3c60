
namespace Delegation.Tests.Checks;

/// <summary>Crafted delegations on one test network, each a case the watch grades differently.</summary>
internal static class Scenario
{
    public const string ServerWellKnown = "/.well-known/matrix/server";
    public const string ClientWellKnown = "/.well-known/matrix/client";
    public static readonly (string, string) Cors = ("Access-Control-Allow-Origin", "*");

    /// <summary><paramref name="domain"/> delegates to hs.<paramref name="domain"/>:8448, which answers; the client document works.</summary>
    public static CheckNetwork Good(this CheckNetwork network, string domain)
    {
        var homeserver = $"hs.{domain}";
        network.Pin(domain, 443).Pin(homeserver, 8448).Pin(homeserver, 443);
        network.Server.ValidFor(domain, homeserver)
            .Json(domain, ServerWellKnown, $$"""{"m.server":"{{homeserver}}:8448"}""", 200, Cors)
            .Json(domain, ClientWellKnown, $$$"""{"m.homeserver":{"base_url":"https://{{{homeserver}}}"}}""", 200, Cors)
            .Json(homeserver, "/_matrix/client/versions", """{"versions":["v1.12","v1.13"]}""", 200, Cors)
            .Homeserver($"{homeserver}:8448");
        return network;
    }

    /// <summary><paramref name="domain"/> delegates to hs.<paramref name="domain"/>:8448, whose certificate names another host.</summary>
    public static CheckNetwork Broken(this CheckNetwork network, string domain)
    {
        var homeserver = $"hs.{domain}";
        network.Pin(domain, 443).Pin(homeserver, 8448);
        network.Server.ValidFor(domain).Certificate(homeserver, TestCertificates.Issue("other.test"))
            .Json(domain, ServerWellKnown, $$"""{"m.server":"{{homeserver}}:8448"}""", 200, Cors)
            .Homeserver($"{homeserver}:8448");
        return network;
    }
}
