using Delegation.Names;
using Delegation.Serving;

namespace Delegation.Checks;

/// <summary>Recognises the service's path-mode URLs (<c>/{domain}/.well-known/matrix/...</c>) in a redirect chain.</summary>
internal static class PathModeUrl
{
    private static readonly string[] Documents = [WellKnownRoutes.Server, WellKnownRoutes.Client, WellKnownRoutes.Support];

    /// <summary>The domain a path-mode path answers for, normalised as the service normalises it; null for any other path
    /// (a first segment without a dot is taken for a folder, not a domain).</summary>
    public static string? DomainOf(string pathAndQuery)
    {
        var path = pathAndQuery.Split('?', 2)[0];
        var slash = path.IndexOf('/', 1);
        if (!path.StartsWith('/') || slash < 0 || !Documents.Contains(path[(slash + 1)..], StringComparer.Ordinal))
        {
            return null;
        }

        var segment = Uri.UnescapeDataString(path[1..slash]);
        Span<char> buffer = stackalloc char[DomainName.MaxLength];
        return DomainName.TryNormalizeHost(segment, buffer, out var domain) && domain.Contains('.') ? domain.ToString() : null;
    }
}
