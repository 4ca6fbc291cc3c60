using Delegation.Documents;
using Microsoft.AspNetCore.Http;

namespace Delegation.Serving;

/// <summary>The three routes, matched as ASP.NET Core routing would (case-insensitive, optional trailing slash).</summary>
public static class WellKnownPaths
{
    public const string Server = "/.well-known/matrix/server";
    public const string Client = "/.well-known/matrix/client";
    public const string Support = "/.well-known/matrix/support";

    public static bool TryMatch(PathString path, out WellKnownDocument document)
    {
        var value = path.Value.AsSpan();
        if (value.EndsWith('/'))
        {
            value = value[..^1];
        }

        if (value.Equals(Server, StringComparison.OrdinalIgnoreCase))
        {
            document = WellKnownDocument.Server;
            return true;
        }

        if (value.Equals(Client, StringComparison.OrdinalIgnoreCase))
        {
            document = WellKnownDocument.Client;
            return true;
        }

        document = WellKnownDocument.Support;
        return value.Equals(Support, StringComparison.OrdinalIgnoreCase);
    }
}
