namespace Delegation.Serving;

/// <summary>How the well-known documents are served and cached; bound from the <c>Delegation</c> section.</summary>
public sealed class ServingOptions
{
    public const string SectionName = "Delegation";

    /// <summary>
    /// The documented setting of <see cref="FrontDoorId"/>, outside the section. <c>Delegation__FrontDoorId</c>, bound
    /// with the section, is still accepted; the documented name wins when both are set.
    /// </summary>
    public const string FrontDoorIdSetting = "FrontDoorId";

    /// <summary><c>max-age</c> of a 200 answer. Federating servers clamp to 300..172800 seconds.</summary>
    public int MaxAgeSeconds { get; set; } = 14400;

    /// <summary><c>s-maxage</c> of a 200 answer: how long Front Door keeps it, so a changed row reaches the edge in minutes.</summary>
    public int SharedMaxAgeSeconds { get; set; } = 600;

    /// <summary><c>max-age</c> of a 404 answer; short, because a federating server remembers a 404 for as long.</summary>
    public int NotFoundMaxAgeSeconds { get; set; } = 300;

    /// <summary>How long this process trusts a row it read before reading it again.</summary>
    public int CacheSeconds { get; set; } = 60;

    /// <summary>How long this process remembers that a domain has no row.</summary>
    public int NegativeCacheSeconds { get; set; } = 60;

    /// <summary>How long a cached answer may still be served while the table cannot be read.</summary>
    public int StaleIfErrorSeconds { get; set; } = 86400;

    /// <summary>Upper bound on cached domains (answers and known absences together).</summary>
    public int MaxCachedDomains { get; set; } = 200_000;

    /// <summary>A table read that takes longer is abandoned; the request gets the stale answer or a 503.</summary>
    public double StorageTimeoutSeconds { get; set; } = 5;

    /// <summary>Table reads in flight at once, across all domains.</summary>
    public int MaxConcurrentReads { get; set; } = 32;

    /// <summary><c>Retry-After</c> of a 503.</summary>
    public int RetryAfterSeconds { get; set; } = 30;

    /// <summary>
    /// The Front Door profiles' IDs, comma-separated; a request carrying one in <c>X-Azure-FDID</c> is asked for the
    /// domain in <c>X-Delegation-Host</c> (or <c>X-Forwarded-Host</c>) instead of <c>Host</c>.
    /// </summary>
    public string? FrontDoorId { get; set; }

    /// <summary>The IDs of <see cref="FrontDoorId"/>, trimmed, without empty entries.</summary>
    public static string[] ParseFrontDoorIds(string? setting) =>
        setting?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
