using System.Globalization;
using System.Net.Sockets;
using Delegation.Names;

namespace Delegation.Checks;

/// <summary>
/// Where one HTTP request goes: the host and port to connect to (after SRV), the name the TLS certificate must hold
/// (and SNI carries), and the Host header, which the Matrix spec sets apart from the connection target.
/// </summary>
internal sealed record ProbeTarget(bool Tls, string ConnectHost, int Port, string TlsName, string HostHeader, string PathAndQuery)
{
    /// <summary>The operator's origin this request goes to instead of the URL's host; null for the usual way.</summary>
    public ViaOrigin? Via { get; init; }

    public static ProbeTarget ForUrl(HttpUrl url) =>
        new(url.Https, url.Host, url.Port, url.Host.Trim('[', ']'), url.Authority, url.PathAndQuery);

    /// <summary>The URL as an admin would type it: the Host header's name on the connection's port; with --via, the domain's URL and the origin used.</summary>
    public string DisplayUrl => Via is { } via
        ? $"https://{HostHeader}{PathAndQuery} via {via}"
        : $"{(Tls ? "https" : "http")}://{HostWithPort(HostHeader)}{PathAndQuery}";

    /// <summary>The URL handed to HttpClient; the connect callback reads the real target from the request.</summary>
    public Uri TransportUrl => new($"http://{Bracket(ConnectHost)}:{Port.ToString(CultureInfo.InvariantCulture)}{PathAndQuery}");

    public string ConnectTo => $"{Bracket(ConnectHost)}:{Port.ToString(CultureInfo.InvariantCulture)}";

    private string HostWithPort(string host)
    {
        var hasPort = host.StartsWith('[') ? host.Contains("]:", StringComparison.Ordinal) : host.Contains(':', StringComparison.Ordinal);
        var defaultPort = Tls ? 443 : 80;
        return hasPort || Port == defaultPort || host != ConnectHost ? host : $"{host}:{Port.ToString(CultureInfo.InvariantCulture)}";
    }

    private static string Bracket(string host) =>
        System.Net.IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 && !host.StartsWith('[') ? $"[{host}]" : host;
}
