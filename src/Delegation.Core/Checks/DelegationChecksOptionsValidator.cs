using Microsoft.Extensions.Options;

namespace Delegation.Checks;

/// <summary>Refuses watch settings outside their ranges, one line each naming the setting, its value and the rule.</summary>
internal sealed class DelegationChecksOptionsValidator : IValidateOptions<DelegationChecksOptions>
{
    public ValidateOptionsResult Validate(string? name, DelegationChecksOptions options)
    {
        var failures = new SettingFailures(DelegationChecksOptions.SectionName);
        failures.Check(nameof(options.Concurrency), options.Concurrency, options.Concurrency is >= 1 and <= 64, "be from 1 to 64");
        failures.Check(nameof(options.RequestTimeoutSeconds), options.RequestTimeoutSeconds, options.RequestTimeoutSeconds is > 0 and <= 600, "be above 0 and at most 600");
        failures.Check(
            nameof(options.DomainTimeoutSeconds),
            options.DomainTimeoutSeconds,
            options.DomainTimeoutSeconds >= options.RequestTimeoutSeconds && options.DomainTimeoutSeconds <= ChecksServiceCollectionExtensions.MaxDomainTimeoutSeconds,
            $"be at least RequestTimeoutSeconds and at most {ChecksServiceCollectionExtensions.MaxDomainTimeoutSeconds}");
        failures.Check(nameof(options.CertificateWarningDays), options.CertificateWarningDays, options.CertificateWarningDays >= 0, "be 0 or more");
        failures.Check(nameof(options.SlowDocumentSeconds), options.SlowDocumentSeconds, options.SlowDocumentSeconds > 0, "be above 0");
        failures.Check(nameof(options.MaxStartDelaySeconds), options.MaxStartDelaySeconds, options.MaxStartDelaySeconds is >= 0 and <= 3600, "be from 0 to 3600");
        return failures.Result;
    }
}
