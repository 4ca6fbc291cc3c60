using Microsoft.Extensions.Options;

namespace Delegation.Serving;

/// <summary>Refuses settings outside the ranges Matrix servers and Front Door honour, naming setting, value and rule.</summary>
internal sealed class ServingOptionsValidator : IValidateOptions<ServingOptions>
{
    public ValidateOptionsResult Validate(string? name, ServingOptions options)
    {
        var failures = new SettingFailures(ServingOptions.SectionName);
        failures.Range(nameof(options.MaxAgeSeconds), options.MaxAgeSeconds, 300, 172800);
        // Federating servers ignore s-maxage; an edge copy that outlived max-age would serve what clients already dropped.
        failures.Range(nameof(options.SharedMaxAgeSeconds), options.SharedMaxAgeSeconds, 60, options.MaxAgeSeconds);
        failures.Range(nameof(options.NotFoundMaxAgeSeconds), options.NotFoundMaxAgeSeconds, 0, 3600);
        failures.Range(nameof(options.CacheSeconds), options.CacheSeconds, 1, 86400);
        failures.Range(nameof(options.NegativeCacheSeconds), options.NegativeCacheSeconds, 1, 3600);
        failures.Range(nameof(options.StaleIfErrorSeconds), options.StaleIfErrorSeconds, 0, 7 * 86400);
        failures.Range(nameof(options.MaxCachedDomains), options.MaxCachedDomains, 100, 10_000_000);
        failures.Range(nameof(options.StorageTimeoutSeconds), options.StorageTimeoutSeconds, 0.1, 60);
        failures.Range(nameof(options.MaxConcurrentReads), options.MaxConcurrentReads, 1, 1024);
        failures.Range(nameof(options.RetryAfterSeconds), options.RetryAfterSeconds, 1, 3600);
        return failures.Result;
    }
}
