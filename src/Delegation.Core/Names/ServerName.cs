using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Delegation.Names;

/// <summary>A Matrix server name, <c>host[:port]</c>, per the spec's "Server Name" appendix; host is lower case.</summary>
public sealed record ServerName(string Host, int? Port, ServerHostKind Kind)
{
    internal const string Rule = "must be host[:port]: a DNS name of letters, digits, '-' and '.', an IPv4 address or an [IPv6] address, and an optional port 1-65535";

    public override string ToString() => Port is { } port ? $"{Host}:{port.ToString(CultureInfo.InvariantCulture)}" : Host;

    /// <summary>
    /// The stored form of a server name an admin gives: lower case, and a Unicode host name as its A-label (the grammar is
    /// ASCII; a document from elsewhere with a Unicode host stays invalid). Anything invalid is returned unchanged, for
    /// validation to report.
    /// </summary>
    public static string? Normalize(string? value)
    {
        if (TryParse(value, out var serverName, out _))
        {
            return serverName.ToString();
        }

        return value is not null && TryToALabelHost(value, out var ascii) && TryParse(ascii, out serverName, out _) ? serverName.ToString() : value;
    }

    public static bool TryParse(string? value, [NotNullWhen(true)] out ServerName? serverName, [NotNullWhen(false)] out string? error)
    {
        serverName = null;
        if (string.IsNullOrEmpty(value))
        {
            error = "must not be empty";
            return false;
        }

        if (value.Contains("://", StringComparison.Ordinal))
        {
            error = "is a server name, not a URL: write host[:port] without a scheme";
            return false;
        }

        var hostPart = value.AsSpan();
        ReadOnlySpan<char> portPart = default;
        var hasPort = false;
        if (hostPart.StartsWith('['))
        {
            var close = hostPart.IndexOf(']');
            if (close < 0)
            {
                error = "an IPv6 literal needs a closing ']'";
                return false;
            }

            if (close + 1 < hostPart.Length)
            {
                if (hostPart[close + 1] != ':')
                {
                    error = Rule;
                    return false;
                }

                portPart = hostPart[(close + 2)..];
                hasPort = true;
            }

            hostPart = hostPart[..(close + 1)];
        }
        else
        {
            var colon = hostPart.IndexOf(':');
            if (colon >= 0)
            {
                if (hostPart[(colon + 1)..].Contains(':'))
                {
                    error = "an IPv6 address must be written in brackets, like [2001:db8::1]:8448";
                    return false;
                }

                portPart = hostPart[(colon + 1)..];
                hostPart = hostPart[..colon];
                hasPort = true;
            }
        }

        int? port = null;
        if (hasPort)
        {
            if (!TryParsePort(portPart, out var parsedPort))
            {
                error = "port must be a number from 1 to 65535";
                return false;
            }

            port = parsedPort;
        }

        if (!TryParseHost(hostPart, out var host, out var kind, out error))
        {
            return false;
        }

        serverName = new ServerName(host, port, kind);
        return true;
    }

    // "matrix.bücher.example:443" as "matrix.xn--bcher-kva.example:443": the host part (before any port) through IDNA.
    private static bool TryToALabelHost(string value, [NotNullWhen(true)] out string? ascii)
    {
        ascii = null;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var host = colon < 0 ? value : value[..colon];
        if (System.Text.Ascii.IsValid(host) || !DomainName.TryToAscii(host, out var aLabel))
        {
            return false;
        }

        ascii = colon < 0 ? aLabel : string.Concat(aLabel, value.AsSpan(colon));
        return true;
    }

    internal static bool TryParsePort(ReadOnlySpan<char> text, out int port)
    {
        port = 0;
        if (text.IsEmpty || text.Length > 5)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            port = (port * 10) + (c - '0');
        }

        return port is >= 1 and <= 65535;
    }

    private static bool TryParseHost(ReadOnlySpan<char> host, [NotNullWhen(true)] out string? normalized, out ServerHostKind kind, [NotNullWhen(false)] out string? error)
    {
        normalized = null;
        kind = ServerHostKind.DnsName;
        if (host.StartsWith('['))
        {
            var inner = host[1..^1];
            if (inner.Contains('%') || !IPAddress.TryParse(inner, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                error = "the text in brackets must be a valid IPv6 address (RFC 4291)";
                return false;
            }

            kind = ServerHostKind.IPv6;
            normalized = string.Concat("[", inner.ToString().ToLowerInvariant(), "]");
            error = null;
            return true;
        }

        if (Ipv4.LooksLikeAddress(host))
        {
            if (!Ipv4.IsValid(host))
            {
                error = "an IPv4 address must be four numbers 0-255 separated by '.'";
                return false;
            }

            kind = ServerHostKind.IPv4;
            normalized = host.ToString();
            error = null;
            return true;
        }

        if (!DnsName.IsValidAscii(host, out error))
        {
            if (!System.Text.Ascii.IsValid(host) && DomainName.TryToAscii(host.ToString(), out var aLabel))
            {
                error = $"must be ASCII: write the A-label '{aLabel}'";
            }

            return false;
        }

        normalized = host.ToString().ToLowerInvariant();
        return true;
    }
}
