using Microsoft.Extensions.Options;

namespace Delegation.Checks;

/// <summary>Refuses check settings outside their ranges, one line each naming the setting, its value and the rule.</summary>
internal sealed class CheckSettingsValidator : IValidateOptions<CheckSettings>
{
    public ValidateOptionsResult Validate(string? name, CheckSettings options)
    {
        var failures = new SettingFailures(CheckSettings.SectionName);
        failures.Check(nameof(options.Concurrency), options.Concurrency, CheckSettings.IsConcurrency(options.Concurrency), $"be from 1 to {CheckSettings.MaxConcurrency}");
        failures.Check(nameof(options.RequestTimeoutSeconds), options.RequestTimeoutSeconds, CheckSettings.IsRequestTimeout(options.RequestTimeoutSeconds), $"be above 0 and at most {CheckSettings.MaxRequestTimeoutSeconds}");
        failures.Check(
            nameof(options.DomainTimeoutSeconds),
            options.DomainTimeoutSeconds,
            CheckSettings.IsDomainTimeout(options.DomainTimeoutSeconds, options.RequestTimeoutSeconds),
            $"be at least RequestTimeoutSeconds and at most {CheckSettings.MaxDomainTimeoutSeconds}");
        failures.Check(nameof(options.CertificateWarningDays), options.CertificateWarningDays, options.CertificateWarningDays >= 0, "be 0 or more");
        failures.Check(nameof(options.SlowDocumentSeconds), options.SlowDocumentSeconds, options.SlowDocumentSeconds > 0, "be above 0");
        failures.Check(nameof(options.MaxStartDelaySeconds), options.MaxStartDelaySeconds, options.MaxStartDelaySeconds is >= 0 and <= 3600, "be from 0 to 3600");
        return failures.Result;
    }
}
