using Microsoft.Extensions.Options;

namespace Delegation.Table;

/// <summary>
/// Refuses storage settings the table client would refuse later (or send to storage as a 400), one line each naming the
/// setting, its value (never a connection string's: it may hold the account key) and the rule.
/// </summary>
internal sealed class DelegationStorageOptionsValidator : IValidateOptions<DelegationStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, DelegationStorageOptions options)
    {
        var secondary = name == DelegationStorageOptions.Secondary;
        var uriKey = secondary ? DelegationStorageOptions.SecondaryTableServiceUriKey : DelegationStorageOptions.TableServiceUriKey;
        var connectionStringKey = secondary ? DelegationStorageOptions.SecondaryConnectionStringKey : DelegationStorageOptions.ConnectionStringKey;
        var failures = new List<string>();
        if (options.TableServiceUri is { } uri && DelegationStorageOptions.CheckTableServiceUri(uri.OriginalString) is { } uriProblem)
        {
            failures.Add($"Setting {DelegationStorageOptions.SettingName(uriKey)} '{uri.OriginalString}' is invalid: {uriProblem}");
        }

        if (!string.IsNullOrWhiteSpace(options.ConnectionString) && DelegationStorageOptions.CheckConnectionString(options.ConnectionString) is { } connectionProblem)
        {
            failures.Add($"Setting {connectionStringKey} is not a storage connection string: {connectionProblem}");
        }

        // The table names are the primary's settings: the secondary shares them, and is not told about them twice.
        if (secondary)
        {
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        if (DelegationStorageOptions.CheckTableName(options.TableName) is { } tableProblem)
        {
            failures.Add($"Setting {DelegationStorageOptions.TableKey} '{options.TableName}' is invalid: {tableProblem}");
        }

        if (DelegationStorageOptions.CheckTableName(options.ChecksTableName) is { } checksProblem)
        {
            failures.Add($"Setting {DelegationStorageOptions.SettingName(DelegationStorageOptions.ChecksTableKey)} '{options.ChecksTableName}' is invalid: {checksProblem}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
