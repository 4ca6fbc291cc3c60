using System.Diagnostics.CodeAnalysis;

namespace Delegation.Names;

/// <summary>Checks a homeserver or identity server base URL: absolute http(s), a host, no query or fragment.</summary>
public static class BaseUrl
{
    internal const string Rule = "must be an absolute http:// or https:// URL with a host and no query or fragment (a trailing '/' is allowed)";

    public static bool TryValidate(string? value, [NotNullWhen(false)] out string? error)
    {
        if (string.IsNullOrEmpty(value))
        {
            error = "must not be empty";
            return false;
        }

        if (value.Trim().Length != value.Length || value.Contains('?', StringComparison.Ordinal) || value.Contains('#', StringComparison.Ordinal))
        {
            error = Rule;
            return false;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(uri.Host)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            error = Rule;
            return false;
        }

        // The host must be one the check engine (and any client) can connect to: an IP literal or a valid DNS name.
        return HttpUrl.TryParse(value, null, out _, out error);
    }
}
