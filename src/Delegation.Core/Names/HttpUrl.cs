using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Delegation.Names;

/// <summary>
/// An absolute http(s) URL whose host is an IP literal or a DNS name in A-labels: the only kind of URL the check engine
/// connects to. Parsing never throws, whatever a customer wrote (<see cref="Uri.IdnHost"/> does, for some hosts).
/// </summary>
internal sealed record HttpUrl(bool Https, string Host, int Port, string PathAndQuery)
{
    public bool IsDefaultPort => Port == (Https ? 443 : 80);

    /// <summary>The host, with the port when it is not the scheme's default.</summary>
    public string Authority => IsDefaultPort ? Host : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    public override string ToString() => $"{(Https ? "https" : "http")}://{Authority}{PathAndQuery}";

    /// <summary>An https URL on a host already known to be valid (a parsed server name's host).</summary>
    public static HttpUrl ForHost(string host, string path) => new(true, host, 443, path);

    /// <summary>Reads <paramref name="text"/>, relative to <paramref name="relativeTo"/> when given (a redirect's Location).</summary>
    public static bool TryParse(string? text, HttpUrl? relativeTo, [NotNullWhen(true)] out HttpUrl? url, [NotNullWhen(false)] out string? error)
    {
        url = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "is empty";
            return false;
        }

        Uri? uri = null;
        var parsed = relativeTo is null
            ? Uri.TryCreate(text, UriKind.Absolute, out uri)
            : Uri.TryCreate(relativeTo.ToString(), UriKind.Absolute, out var baseUri) && Uri.TryCreate(baseUri, text, out uri);
        if (!parsed || uri is null || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            error = "is not an absolute http:// or https:// URL";
            return false;
        }

        if (!TryAsciiHost(uri, out var host, out error))
        {
            return false;
        }

        url = new HttpUrl(uri.Scheme == Uri.UriSchemeHttps, host, uri.Port, uri.PathAndQuery);
        return true;
    }

    private static bool TryAsciiHost(Uri uri, [NotNullWhen(true)] out string? host, [NotNullWhen(false)] out string? error)
    {
        host = null;
        switch (uri.HostNameType)
        {
            case UriHostNameType.IPv4:
                host = uri.Host;
                error = null;
                return true;
            case UriHostNameType.IPv6 when System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6:
                host = uri.Host;
                error = null;
                return true;
            case UriHostNameType.Dns or UriHostNameType.Basic:
                break;
            default:
                error = "has no host name";
                return false;
        }

        var name = uri.Host.EndsWith('.') ? uri.Host[..^1] : uri.Host;
        if (!Ascii.IsValid(name))
        {
            if (!DomainName.TryToAscii(name, out var aLabel))
            {
                error = "has a host that is not a valid internationalised domain name (IDNA)";
                return false;
            }

            name = aLabel;
        }

        if (!DnsName.IsValidAscii(name, out var rule))
        {
            error = $"has an invalid host: {rule}";
            return false;
        }

        host = name.ToLowerInvariant();
        error = null;
        return true;
    }
}
