using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Delegation.Table;

/// <summary>
/// Reads <see cref="DelegationStorageOptions"/> from configuration: the primary (default name) from
/// <c>DelegationStorage</c>, the <see cref="DelegationStorageOptions.Secondary"/> from <c>DelegationStorageSecondary</c>.
/// A table service URI is kept as given, even when it is not one: <see cref="DelegationStorageOptionsValidator"/> names it.
/// </summary>
internal sealed class DelegationStorageOptionsSetup(IConfiguration configuration) : IConfigureNamedOptions<DelegationStorageOptions>
{
    public void Configure(DelegationStorageOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, DelegationStorageOptions options)
    {
        var secondary = name == DelegationStorageOptions.Secondary;
        options.ConnectionString = configuration[secondary ? DelegationStorageOptions.SecondaryConnectionStringKey : DelegationStorageOptions.ConnectionStringKey];
        options.TableServiceUri = configuration[secondary ? DelegationStorageOptions.SecondaryTableServiceUriKey : DelegationStorageOptions.TableServiceUriKey] is { Length: > 0 } uri
            && Uri.TryCreate(uri, UriKind.RelativeOrAbsolute, out var parsed) ? parsed : null;
        options.TableName = configuration[DelegationStorageOptions.TableKey] is { Length: > 0 } table ? table : DelegationStorageOptions.DefaultTable;
        options.ChecksTableName = configuration[DelegationStorageOptions.ChecksTableKey] is { Length: > 0 } checks ? checks : options.ChecksTableName;
    }
}
