using System.Globalization;
using Microsoft.Extensions.Options;

namespace Delegation.Checks;

/// <summary>Refuses watch settings outside their ranges, one line each naming the setting, its value and the rule.</summary>
internal sealed class DelegationChecksOptionsValidator : IValidateOptions<DelegationChecksOptions>
{
    public ValidateOptionsResult Validate(string? name, DelegationChecksOptions options)
    {
        var failures = new List<string>();
        void Check(string setting, double value, bool valid, string rule)
        {
            if (!valid)
            {
                failures.Add($"Setting {DelegationChecksOptions.SectionName}__{setting} '{value.ToString(CultureInfo.InvariantCulture)}' is invalid: it must be {rule}.");
            }
        }

        Check(nameof(options.Concurrency), options.Concurrency, options.Concurrency is >= 1 and <= 64, "from 1 to 64");
        Check(nameof(options.RequestTimeoutSeconds), options.RequestTimeoutSeconds, options.RequestTimeoutSeconds is > 0 and <= 600, "above 0 and at most 600");
        Check(
            nameof(options.DomainTimeoutSeconds),
            options.DomainTimeoutSeconds,
            options.DomainTimeoutSeconds >= options.RequestTimeoutSeconds && options.DomainTimeoutSeconds <= ChecksServiceCollectionExtensions.MaxDomainTimeoutSeconds,
            $"at least RequestTimeoutSeconds and at most {ChecksServiceCollectionExtensions.MaxDomainTimeoutSeconds}");
        Check(nameof(options.CertificateWarningDays), options.CertificateWarningDays, options.CertificateWarningDays >= 0, "0 or more");
        Check(nameof(options.SlowDocumentSeconds), options.SlowDocumentSeconds, options.SlowDocumentSeconds > 0, "above 0");
        Check(nameof(options.MaxStartDelaySeconds), options.MaxStartDelaySeconds, options.MaxStartDelaySeconds is >= 0 and <= 3600, "from 0 to 3600");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
