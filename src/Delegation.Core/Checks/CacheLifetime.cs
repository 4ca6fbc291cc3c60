using System.Globalization;
using System.Net.Http.Headers;

namespace Delegation.Checks;

/// <summary>
/// How long Synapse caches a valid server well-known, computed from the response headers as its well-known resolver
/// does: <c>no-store</c> asks for 0, else <c>max-age</c> (preferred) or <c>Expires</c> (an invalid date means 0);
/// what was asked is clamped to [5 min, 48 h]; without either header Synapse uses 24 h (plus or minus 10 % jitter).
/// </summary>
internal sealed record CacheLifetime(string Source, TimeSpan? Requested, TimeSpan Effective)
{
    public static readonly TimeSpan Minimum = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan Maximum = TimeSpan.FromHours(48);
    public static readonly TimeSpan Default = TimeSpan.FromHours(24);

    public override string ToString() => Requested is { } requested && requested != Effective
        ? $"{Source} asks for {Format(requested)}; Synapse caches it {Format(Effective)} (clamped to 5 min .. 48 h)"
        : $"{Source}: Synapse caches it {Format(Effective)}";

    public static CacheLifetime From(IEnumerable<string> cacheControl, IEnumerable<string> expires, DateTimeOffset now)
    {
        var directives = ParseCacheControl(cacheControl);
        if (directives.ContainsKey("no-store"))
        {
            return Clamp("Cache-Control: no-store", TimeSpan.Zero);
        }

        if (directives.TryGetValue("max-age", out var maxAge) && !string.IsNullOrEmpty(maxAge)
            && long.TryParse(maxAge, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            return Clamp($"Cache-Control: max-age={CustomerText.Quote(maxAge)}", TimeSpan.FromSeconds(Math.Clamp(seconds, -Maximum.TotalSeconds, Maximum.TotalSeconds * 10)));
        }

        if (expires.LastOrDefault() is { } expiresText)
        {
            return DateTimeOffset.TryParseExact(expiresText.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
                ? Clamp($"Expires: {CustomerText.Quote(expiresText)}", date - now)
                : Clamp($"Expires: {CustomerText.Quote(expiresText)} (not a valid date, so already expired)", TimeSpan.Zero);
        }

        return new CacheLifetime("no Cache-Control max-age or Expires", null, Default);
    }

    public static CacheLifetime From(HttpResponseHeaders headers, HttpContentHeaders? content, DateTimeOffset now) =>
        From(
            headers.TryGetValues("Cache-Control", out var cacheControl) ? cacheControl : [],
            content is not null && content.TryGetValues("Expires", out var expires) ? expires : [],
            now);

    internal static string Format(TimeSpan span) => span.TotalSeconds switch
    {
        <= 0 => "0 s",
        < 120 => $"{span.TotalSeconds:0} s",
        < 7200 when span.TotalMinutes % 1 == 0 => $"{span.TotalMinutes:0} min",
        < 7200 => $"{span.TotalSeconds:0} s",
        _ when span.TotalHours % 1 == 0 => $"{span.TotalHours:0} h",
        _ => $"{span.TotalHours:0.#} h",
    };

    private static CacheLifetime Clamp(string source, TimeSpan requested) =>
        new(source, requested, requested < Minimum ? Minimum : requested > Maximum ? Maximum : requested);

    private static Dictionary<string, string?> ParseCacheControl(IEnumerable<string> values)
    {
        var directives = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var directive in values.SelectMany(v => v.Split(',')))
        {
            var parts = directive.Split('=', 2, StringSplitOptions.TrimEntries);
            directives[parts[0]] = parts.Length > 1 ? parts[1] : null;
        }

        return directives;
    }
}
