using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Delegation.Names;

/// <summary>
/// Domains as the table keys them: lower-case A-labels without port or trailing dot, or <c>*.</c> and a domain for the
/// one-level wildcard.
/// </summary>
public static class DomainName
{
    /// <summary>Longest Host header we try to read; longer ones are refused before any work is done.</summary>
    public const int MaxHostLength = 1024;

    /// <summary>Room for a normalised name in a caller's buffer.</summary>
    public const int MaxLength = DnsName.MaxLength;

    internal const string Rule = "must be a DNS name (letters, digits, '-' and '.'; Unicode is turned into its A-label), or '*.' and a DNS name";

    /// <summary>The prefix of an A-label, the ASCII form of a Unicode label (RFC 5890).</summary>
    internal const string AcePrefix = "xn--";

    private const string WildcardPrefix = "*.";

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>Parses a domain typed by an admin or read from a file: accepts Unicode and the one-level wildcard.</summary>
    public static bool TryParse(string? input, [NotNullWhen(true)] out string? domain, [NotNullWhen(false)] out string? error)
    {
        domain = null;
        if (string.IsNullOrEmpty(input))
        {
            error = "must not be empty";
            return false;
        }

        if (input.Contains("://", StringComparison.Ordinal))
        {
            error = $"is a URL: give the domain, e.g. {DomainOf(input)}";
            return false;
        }

        var isWildcard = input.StartsWith(WildcardPrefix, StringComparison.Ordinal);
        var name = isWildcard ? input[WildcardPrefix.Length..] : input;
        if (name.Contains('*', StringComparison.Ordinal))
        {
            error = "a wildcard must be exactly '*.' followed by a domain (one level)";
            return false;
        }

        if (name.Contains(':', StringComparison.Ordinal) || name.StartsWith('['))
        {
            error = "a domain has no port and is not an IP address; put the port in the Server value";
            return false;
        }

        if (!TryNormalize(name, out var normalized, out error))
        {
            return false;
        }

        domain = isWildcard ? WildcardPrefix + normalized : normalized;
        return true;
    }

    /// <summary>
    /// Normalises a request's Host: strips <c>:port</c> and one trailing dot, lower-cases, maps Unicode to the A-label.
    /// ASCII hosts are written into <paramref name="buffer"/> without allocating.
    /// </summary>
    public static bool TryNormalizeHost(ReadOnlySpan<char> host, Span<char> buffer, out ReadOnlySpan<char> domain)
    {
        domain = default;
        if (host.IsEmpty || host.Length > MaxHostLength || host[0] == '[')
        {
            return false;
        }

        var colon = host.IndexOf(':');
        if (colon >= 0)
        {
            var port = host[(colon + 1)..];
            if (port.Length > 5 || port.ContainsAnyExceptInRange('0', '9') || (port.Length == 5 && port.CompareTo("65535", StringComparison.Ordinal) > 0))
            {
                return false;
            }

            host = host[..colon];
        }

        if (host.EndsWith('.'))
        {
            host = host[..^1];
        }

        if (!Ascii.IsValid(host))
        {
            if (!TryNormalize(host.ToString(), out var aLabel, out _))
            {
                return false;
            }

            domain = aLabel;
            return true;
        }

        if (host.Length > buffer.Length || Ipv4.LooksLikeAddress(host))
        {
            return false;
        }

        var written = host.ToLowerInvariant(buffer);
        var lower = buffer[..written];
        if (!DnsName.IsValidHostName(lower, out _))
        {
            return false;
        }

        domain = lower;
        return true;
    }

    /// <summary>The wildcard row that would answer for <paramref name="domain"/>, or null when it has no parent.</summary>
    public static string? WildcardFor(string domain)
    {
        var dot = domain.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 || domain.StartsWith(WildcardPrefix, StringComparison.Ordinal) ? null : string.Concat(WildcardPrefix, domain.AsSpan(dot + 1));
    }

    // The URL's own host when it is a domain, so the advice can be copied; else a placeholder.
    private static string DomainOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && TryParse(uri.Host, out var domain, out _) ? domain : "example.com";

    public static bool IsWildcard(string domain) => domain.StartsWith(WildcardPrefix, StringComparison.Ordinal);

    /// <summary>
    /// True when <paramref name="label"/>, which starts with <see cref="AcePrefix"/>, is the IDNA encoding of a Unicode
    /// label: it decodes, and encodes back to itself (letter case aside). Other ASCII labels are left to the DNS rules:
    /// IdnMapping refuses some that DNS allows, such as '--' in the third and fourth places.
    /// </summary>
    internal static bool IsALabel(ReadOnlySpan<char> label)
    {
        var text = label.ToString();
        try
        {
            return Idn.GetAscii(Idn.GetUnicode(text)).Equals(text, StringComparison.OrdinalIgnoreCase);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    internal static bool TryToAscii(string unicode, [NotNullWhen(true)] out string? ascii)
    {
        try
        {
            ascii = Idn.GetAscii(unicode).ToLowerInvariant();
            return true;
        }
        catch (ArgumentException)
        {
            ascii = null;
            return false;
        }
    }

    private static bool TryNormalize(string name, [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? error)
    {
        normalized = null;
        if (name.EndsWith('.'))
        {
            name = name[..^1];
        }

        if (name.Length > MaxHostLength)
        {
            error = $"must be at most {DnsName.MaxLength} characters";
            return false;
        }

        if (!Ascii.IsValid(name))
        {
            if (!TryToAscii(name, out var ascii))
            {
                error = "is not a valid internationalised domain name (IDNA)";
                return false;
            }

            name = ascii;
        }

        if (Ipv4.LooksLikeAddress(name))
        {
            error = "a domain must be a DNS name, not an IP address";
            return false;
        }

        if (!DnsName.IsValidHostName(name, out error))
        {
            return false;
        }

        normalized = name.ToLowerInvariant();
        return true;
    }
}
