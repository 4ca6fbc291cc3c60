using System.Diagnostics.CodeAnalysis;
using Delegation.Names;

namespace Delegation.Checks;

/// <summary>
/// The operator's <c>--via</c> origin: where a domain's three well-known documents are fetched instead of from the
/// domain's own address, with the domain still in the Host header (and, for https, in SNI and the certificate check).
/// It tests a service before DNS points at it: <c>delegation serve</c> on loopback, or a Front Door endpoint. Like a
/// <c>--resolve</c> pin, the operator names it, so the private-address policy does not apply to it. Nothing else goes
/// there: homeserver checks and other hosts' redirects connect where the documents say, under the usual rules.
/// </summary>
internal sealed record ViaOrigin(HttpUrl Origin)
{
    public const string Rule = "must be an http:// or https:// origin without a path, query or user name, like http://127.0.0.1:8080";

    private const string WellKnownPath = "/.well-known/matrix/";

    public override string ToString() => Origin.ToString().TrimEnd('/');

    public static bool TryParse(string? text, [NotNullWhen(true)] out ViaOrigin? via)
    {
        via = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.UserInfo.Length > 0
            || uri.Query.Length > 0
            || uri.Fragment.Length > 0
            || uri.AbsolutePath != "/"
            || !HttpUrl.TryParse(text, null, out var url, out _))
        {
            return false;
        }

        via = new ViaOrigin(url with { PathAndQuery = "/" });
        return true;
    }

    /// <summary>True when <paramref name="current"/>, a hop of the fetch that began at <paramref name="start"/>, goes via this origin: the domain's own https URL in a well-known chain.</summary>
    public static bool Covers(HttpUrl start, HttpUrl current) =>
        start.PathAndQuery.StartsWith(WellKnownPath, StringComparison.Ordinal)
        && current.Https
        && current.Port == start.Port
        && string.Equals(current.Host, start.Host, StringComparison.OrdinalIgnoreCase);

    /// <summary>The request for <paramref name="url"/>, sent to this origin: TLS only when the origin is https, the URL's name as Host and SNI.</summary>
    public ProbeTarget Target(HttpUrl url) =>
        new(Origin.Https, Origin.Host, Origin.Port, url.Host.Trim('[', ']'), url.Authority, url.PathAndQuery) { Via = this };
}
