using Delegation.Documents;
using Microsoft.AspNetCore.Http;

namespace Delegation.Serving;

/// <summary>
/// Matches the routes of <see cref="WellKnownRoutes"/> as ASP.NET Core routing does (case-insensitive, optional
/// trailing slash), for a host that answers without endpoint routing (<c>delegation serve</c>).
/// </summary>
public static class WellKnownPaths
{
    public const string Server = "/" + WellKnownRoutes.Server;
    public const string Client = "/" + WellKnownRoutes.Client;
    public const string Support = "/" + WellKnownRoutes.Support;

    private static readonly (string Path, WellKnownDocument Document)[] DocumentPaths =
    [
        (Server, WellKnownDocument.Server),
        (Client, WellKnownDocument.Client),
        (Support, WellKnownDocument.Support),
    ];

    /// <param name="domain">The first segment in path mode; <see langword="null"/> in host mode.</param>
    public static bool TryMatch(PathString path, out WellKnownDocument document, out string? domain)
    {
        var value = path.Value.AsSpan();
        if (value.EndsWith('/'))
        {
            value = value[..^1];
        }

        domain = null;
        if (!TryMatchDocument(ref value, out document))
        {
            return false;
        }

        if (value.IsEmpty)
        {
            return true;
        }

        // Path mode: exactly one non-empty segment before the document's path.
        var segment = value[1..];
        if (value[0] != '/' || segment.IsEmpty || segment.Contains('/'))
        {
            return false;
        }

        domain = segment.ToString();
        return true;
    }

    // On a match, leaves in value what precedes the document's path.
    private static bool TryMatchDocument(ref ReadOnlySpan<char> value, out WellKnownDocument document)
    {
        foreach (var (path, candidate) in DocumentPaths)
        {
            if (value.EndsWith(path, StringComparison.OrdinalIgnoreCase))
            {
                value = value[..^path.Length];
                document = candidate;
                return true;
            }
        }

        document = default;
        return false;
    }
}
