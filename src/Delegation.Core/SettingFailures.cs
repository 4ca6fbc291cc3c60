using System.Globalization;
using Microsoft.Extensions.Options;

namespace Delegation;

/// <summary>
/// The failures of one settings section, one line each in the form every validator uses:
/// "Setting Section__Name 'value' is invalid: it must …".
/// </summary>
internal sealed class SettingFailures(string section)
{
    private readonly List<string> _failures = [];

    public ValidateOptionsResult Result => _failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_failures);

    /// <summary>Records a failure unless <paramref name="valid"/>; <paramref name="rule"/> completes "it must …".</summary>
    public void Check(string setting, double value, bool valid, string rule)
    {
        if (!valid)
        {
            _failures.Add($"Setting {section}__{setting} '{value.ToString(CultureInfo.InvariantCulture)}' is invalid: it must {rule}.");
        }
    }

    /// <summary>Records a failure unless <paramref name="value"/> lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public void Range(string setting, double value, double min, double max) =>
        Check(setting, value, value >= min && value <= max, string.Create(CultureInfo.InvariantCulture, $"lie in [{min}, {max}]"));
}
