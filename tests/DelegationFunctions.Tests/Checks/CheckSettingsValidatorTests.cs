using Delegation.Checks;

namespace Delegation.Tests.Checks;

public sealed class CheckSettingsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new CheckSettingsValidator().Validate(null, new CheckSettings()).Succeeded);

    [Theory]
    [InlineData(nameof(CheckSettings.Concurrency), "0", "Setting DelegationChecks__Concurrency '0' is invalid: it must be from 1 to 64.")]
    [InlineData(nameof(CheckSettings.RequestTimeoutSeconds), "0", "Setting DelegationChecks__RequestTimeoutSeconds '0' is invalid: it must be above 0 and at most 600.")]
    [InlineData(nameof(CheckSettings.DomainTimeoutSeconds), "10.5", "Setting DelegationChecks__DomainTimeoutSeconds '10.5' is invalid: it must be at least RequestTimeoutSeconds and at most 3600.")]
    [InlineData(nameof(CheckSettings.MaxStartDelaySeconds), "4000", "Setting DelegationChecks__MaxStartDelaySeconds '4000' is invalid: it must be from 0 to 3600.")]
    public void Validate_OutOfRange_OneLineNamingSettingAndValue(string setting, string value, string expected)
    {
        var options = new CheckSettings();
        var property = typeof(CheckSettings).GetProperty(setting)!;
        property.SetValue(options, Convert.ChangeType(value, property.PropertyType, System.Globalization.CultureInfo.InvariantCulture));

        var result = new CheckSettingsValidator().Validate(null, options);

        Assert.Equal(expected, Assert.Single(result.Failures!));
    }
}
