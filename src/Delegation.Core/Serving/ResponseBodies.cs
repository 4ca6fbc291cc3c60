using System.Globalization;
using System.Text;
using System.Text.Json;
using Delegation.Documents;

namespace Delegation.Serving;

/// <summary>Error bodies, rendered once; only the one naming a path segment is rendered per request.</summary>
internal static class ResponseBodies
{
    private const int MaxQuotedSegment = 100;

    public static byte[] NotFound { get; } = Render("M_NOT_FOUND", "No Matrix delegation is configured for this domain.");

    public static byte[] DocumentNotFound(WellKnownDocument document) => document switch
    {
        WellKnownDocument.Server => ServerNotFound,
        WellKnownDocument.Client => ClientNotFound,
        _ => SupportNotFound,
    };

    public static byte[] InvalidHost { get; } = Render("M_NOT_FOUND", "The Host header is not a domain name this service can answer for.");

    /// <summary>A path-mode segment that is not a canonical domain, named as sent (<see cref="QuoteSegment"/>).</summary>
    public static byte[] InvalidPathSegment(ReadOnlySpan<char> segment) => Render(
        "M_NOT_FOUND",
        $"The first path segment '{QuoteSegment(segment)}' is not a domain name in canonical form (lower case, A-labels for Unicode, no port, no trailing dot).");

    public static byte[] Unavailable { get; } = Render("M_UNKNOWN", "Delegation storage is temporarily unavailable; try again later.");

    public static byte[] MethodNotAllowed { get; } = Render("M_UNRECOGNIZED", "Only GET, HEAD and OPTIONS are allowed here.");

    public static byte[] Forbidden { get; } = Render("M_FORBIDDEN", $"A health probe is answered at /{WellKnownRoutes.Health} only.");

    public static byte[] UnknownPath { get; } = Render("M_UNRECOGNIZED", "Unrecognized request.");

    private static byte[] ServerNotFound { get; } = Render("M_NOT_FOUND", "This domain has no server delegation (/.well-known/matrix/server).");

    private static byte[] ClientNotFound { get; } = Render("M_NOT_FOUND", "This domain has no client discovery document (/.well-known/matrix/client).");

    private static byte[] SupportNotFound { get; } = Render("M_NOT_FOUND", "This domain has no support document (/.well-known/matrix/support).");

    /// <summary>
    /// The segment in URL form: printable ASCII as sent, everything else (controls, spaces, Unicode) percent-encoded as
    /// UTF-8, at most <see cref="MaxQuotedSegment"/> characters, so the answer never carries a client's raw text.
    /// </summary>
    internal static string QuoteSegment(ReadOnlySpan<char> segment)
    {
        var quoted = new StringBuilder(Math.Min(segment.Length, MaxQuotedSegment) + 16);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in segment.EnumerateRunes())
        {
            if (quoted.Length >= MaxQuotedSegment)
            {
                return quoted.Append('…').ToString();
            }

            if (rune.Value is > ' ' and < 0x7F)
            {
                quoted.Append((char)rune.Value);
                continue;
            }

            foreach (var b in utf8[..rune.EncodeToUtf8(utf8)])
            {
                quoted.Append(CultureInfo.InvariantCulture, $"%{b:X2}");
            }
        }

        return quoted.ToString();
    }

    private static byte[] Render(string errcode, string error) =>
        JsonSerializer.SerializeToUtf8Bytes(new ErrorDocument(errcode, error), DocumentJsonContext.Relaxed.ErrorDocument);
}
