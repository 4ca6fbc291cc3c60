using System.Text.Json;
using Delegation.Documents;

namespace Delegation.Serving;

/// <summary>Error bodies, rendered once.</summary>
internal static class ResponseBodies
{
    public static byte[] NotFound { get; } = Render("M_NOT_FOUND", "No Matrix delegation is configured for this domain.");

    public static byte[] DocumentNotFound(WellKnownDocument document) => document switch
    {
        WellKnownDocument.Server => ServerNotFound,
        WellKnownDocument.Client => ClientNotFound,
        _ => SupportNotFound,
    };

    public static byte[] InvalidHost { get; } = Render("M_NOT_FOUND", "The Host header is not a domain name this service can answer for.");

    public static byte[] Unavailable { get; } = Render("M_UNKNOWN", "Delegation storage is temporarily unavailable; try again later.");

    public static byte[] MethodNotAllowed { get; } = Render("M_UNRECOGNIZED", "Only GET, HEAD and OPTIONS are allowed here.");

    public static byte[] UnknownPath { get; } = Render("M_UNRECOGNIZED", "Unrecognized request.");

    private static byte[] ServerNotFound { get; } = Render("M_NOT_FOUND", "This domain has no server delegation (/.well-known/matrix/server).");

    private static byte[] ClientNotFound { get; } = Render("M_NOT_FOUND", "This domain has no client discovery document (/.well-known/matrix/client).");

    private static byte[] SupportNotFound { get; } = Render("M_NOT_FOUND", "This domain has no support document (/.well-known/matrix/support).");

    private static byte[] Render(string errcode, string error) =>
        JsonSerializer.SerializeToUtf8Bytes(new ErrorDocument(errcode, error), DocumentJsonContext.Relaxed.ErrorDocument);
}
