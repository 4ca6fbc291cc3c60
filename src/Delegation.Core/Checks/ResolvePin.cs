using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Delegation.Checks;

/// <summary>
/// <c>--resolve host:port:address[:connect-port]</c>: connections to host:port go to address (as with curl), and to
/// connect-port instead of port when given, so tests can serve "port 443" or "port 8448" from any free loopback port.
/// </summary>
internal sealed record ResolvePin(string Host, int Port, IPAddress Address, int ConnectPort)
{
    public const string Rule = "must be host:port:address or host:port:address:connect-port, like example.com:443:127.0.0.1 or example.com:8448:[::1]:9000";

    public IPEndPoint EndPoint => new(Address, ConnectPort);

    public override string ToString() =>
        $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)} -> {EndPoint}";

    public static bool TryParse(string value, [NotNullWhen(true)] out ResolvePin? pin)
    {
        pin = null;
        var first = value.IndexOf(':', StringComparison.Ordinal);
        var second = first < 0 ? -1 : value.IndexOf(':', first + 1);
        if (first <= 0 || second < 0 || !TryParsePort(value.AsSpan(first + 1, second - first - 1), out var port))
        {
            return false;
        }

        var host = value[..first].ToLowerInvariant();
        var rest = value[(second + 1)..];
        if (!TrySplitAddress(rest, out var address, out var connectPort))
        {
            return false;
        }

        pin = new ResolvePin(host.TrimEnd('.'), port, address, connectPort ?? port);
        return true;
    }

    private static bool TrySplitAddress(string text, [NotNullWhen(true)] out IPAddress? address, out int? connectPort)
    {
        connectPort = null;
        string addressText;
        string? portText = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            addressText = close < 0 ? string.Empty : text[1..close];
            portText = close >= 0 && close + 1 < text.Length ? (text[close + 1] == ':' ? text[(close + 2)..] : "x") : null;
        }
        else if (text.Count(c => c == ':') == 1)
        {
            addressText = text[..text.IndexOf(':', StringComparison.Ordinal)];
            portText = text[(addressText.Length + 1)..];
        }
        else
        {
            addressText = text;
        }

        if (portText is not null)
        {
            if (!TryParsePort(portText, out var parsed))
            {
                address = null;
                return false;
            }

            connectPort = parsed;
        }

        return IPAddress.TryParse(addressText, out address);
    }

    internal static bool TryParsePort(ReadOnlySpan<char> text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && text.Length <= 5 && port is >= 1 and <= 65535;
}
