using Microsoft.Extensions.Options;

namespace Delegation.Serving;

/// <summary>Refuses settings outside the ranges Matrix servers and Front Door honour, naming setting, value and rule.</summary>
internal sealed class ServingOptionsValidator : IValidateOptions<ServingOptions>
{
    public ValidateOptionsResult Validate(string? name, ServingOptions options)
    {
        var failures = new List<string>();
        void Range(string setting, double value, double min, double max)
        {
            if (value < min || value > max)
            {
                failures.Add($"Setting {ServingOptions.SectionName}__{setting} '{value}' is invalid: it must lie in [{min}, {max}].");
            }
        }

        Range(nameof(options.MaxAgeSeconds), options.MaxAgeSeconds, 300, 172800);
        // Federating servers ignore s-maxage; an edge copy that outlived max-age would serve what clients already dropped.
        Range(nameof(options.SharedMaxAgeSeconds), options.SharedMaxAgeSeconds, 60, options.MaxAgeSeconds);
        Range(nameof(options.NotFoundMaxAgeSeconds), options.NotFoundMaxAgeSeconds, 0, 3600);
        Range(nameof(options.CacheSeconds), options.CacheSeconds, 1, 86400);
        Range(nameof(options.NegativeCacheSeconds), options.NegativeCacheSeconds, 1, 3600);
        Range(nameof(options.StaleIfErrorSeconds), options.StaleIfErrorSeconds, 0, 7 * 86400);
        Range(nameof(options.MaxCachedDomains), options.MaxCachedDomains, 100, 10_000_000);
        Range(nameof(options.StorageTimeoutSeconds), options.StorageTimeoutSeconds, 0.1, 60);
        Range(nameof(options.MaxConcurrentReads), options.MaxConcurrentReads, 1, 1024);
        Range(nameof(options.RetryAfterSeconds), options.RetryAfterSeconds, 1, 3600);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
