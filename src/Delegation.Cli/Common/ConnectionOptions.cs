using System.CommandLine;
using Delegation.Table;
using Microsoft.Extensions.Configuration;

namespace Delegation.Cli.Common;

/// <summary>
/// Where the table is: <c>--connection-string</c>, <c>--table-service-uri</c> (Entra ID) and <c>--table</c>, falling back
/// to the service's settings (<c>DelegationStorage</c>, <c>DelegationStorage__tableServiceUri</c>, <c>DelegationTable</c>)
/// and then to Azurite (<c>UseDevelopmentStorage=true</c>). Read commands also take <c>--secondary</c>.
/// </summary>
internal sealed class ConnectionOptions
{
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";
    public const string TableServiceUriName = "--table-service-uri";
    public const string SecondaryName = "--secondary";

    public Option<string?> ConnectionString { get; } = new("--connection-string")
    {
        Description = "Table storage connection string. Default: $DelegationStorage, else UseDevelopmentStorage=true (Azurite).",
        Recursive = true,
    };

    // A string, parsed below: System.CommandLine 2.0 has no converter for System.Uri and throws on GetValue.
    public Option<string?> TableServiceUri { get; } = new(TableServiceUriName)
    {
        Description = "Table endpoint, signed in with Entra ID (az login, managed identity...). Default: $DelegationStorage__tableServiceUri.",
        Recursive = true,
    };

    public Option<string?> Table { get; } = new("--table")
    {
        Description = "Table name. Default: $DelegationTable, else 'delegations'.",
        Recursive = true,
    };

    /// <summary>Added to the read commands only: writes always go to the primary, and the secondary refuses them.</summary>
    public Option<bool> Secondary { get; } = new(SecondaryName)
    {
        Description = "Read the read-access geo-redundant secondary endpoint, during an outage of the primary. Default endpoint: $DelegationStorageSecondary__tableServiceUri or $DelegationStorageSecondary; with --table-service-uri https://<account>.table.core.windows.net, https://<account>-secondary.table.core.windows.net.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(ConnectionString);
        command.Options.Add(TableServiceUri);
        command.Options.Add(Table);
    }

    /// <summary>True when a table is named on the command line or in the environment (not only the Azurite default).</summary>
    public bool IsConfigured(ParseResult parseResult)
    {
        var options = ReadConfigured(parseResult);
        return options.ConnectionString is not null || options.TableServiceUri is not null || parseResult.GetValue(Table) is not null;
    }

    public DelegationStorageOptions Read(ParseResult parseResult)
    {
        var options = ReadConfigured(parseResult);
        options.ConnectionString = options.TableServiceUri is null ? options.ConnectionString ?? DevelopmentStorage : null;
        return options;
    }

    private DelegationStorageOptions ReadConfigured(ParseResult parseResult)
    {
        var uri = parseResult.GetValue(TableServiceUri);
        if (uri is not null && DelegationStorageOptions.CheckTableServiceUri(uri) is { } problem)
        {
            throw new CliException(ExitCodes.Usage, $"{TableServiceUriName} '{uri}' is invalid: {problem}");
        }

        var connectionString = parseResult.GetValue(ConnectionString);
        if (connectionString is not null && DelegationStorageOptions.CheckConnectionString(connectionString) is { } connectionProblem)
        {
            throw new CliException(ExitCodes.Usage, $"{ConnectionString.Name} is not a storage connection string: {connectionProblem}");
        }

        if (parseResult.GetValue(Table) is { } tableName && DelegationStorageOptions.CheckTableName(tableName) is { } tableProblem)
        {
            throw new CliException(ExitCodes.Usage, $"{Table.Name} '{tableName}' is invalid: {tableProblem}");
        }

        // The service's own settings, read from the environment, with what the command line gives laid over them.
        var overrides = new Dictionary<string, string?>();
        if (uri is not null || connectionString is not null)
        {
            // A table named on the command line is another account than the settings': none of theirs applies.
            overrides[DelegationStorageOptions.TableServiceUriKey] = uri;
            overrides[DelegationStorageOptions.ConnectionStringKey] = connectionString;
            overrides[DelegationStorageOptions.SecondaryTableServiceUriKey] = null;
            overrides[DelegationStorageOptions.SecondaryConnectionStringKey] = null;
        }

        if (parseResult.GetValue(Table) is { } table)
        {
            overrides[DelegationStorageOptions.TableKey] = table;
        }

        var settings = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(overrides).Build();
        try
        {
            var options = Checked(DelegationTableClientFactory.ReadOptions(settings), DelegationStorageOptions.ConnectionStringKey);
            if (parseResult.GetResult(Secondary) is not null && parseResult.GetValue(Secondary))
            {
                return DelegationTableClientFactory.ReadSecondaryOptions(settings) is { } secondary
                    ? Checked(secondary, DelegationStorageOptions.SecondaryConnectionStringKey)
                    : SecondaryOf(options);
            }

            return options;
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException(ExitCodes.Usage, ex.Message);
        }
    }

    // What the command line gives is checked above, naming the option; what is left came from the environment's settings.
    private static DelegationStorageOptions Checked(DelegationStorageOptions options, string connectionStringSetting)
    {
        if (options.ConnectionString is { } connectionString && DelegationStorageOptions.CheckConnectionString(connectionString) is { } connectionProblem)
        {
            throw new CliException(ExitCodes.Usage, $"Setting {connectionStringSetting} is not a storage connection string: {connectionProblem}");
        }

        return DelegationStorageOptions.CheckTableName(options.TableName) is { } tableProblem
            ? throw new CliException(ExitCodes.Usage, $"Setting {DelegationStorageOptions.TableKey} '{options.TableName}' is invalid: {tableProblem}")
            : options;
    }

    // An account's secondary endpoint is its name with "-secondary" (learn.microsoft.com/azure/storage/common/storage-redundancy).
    private static DelegationStorageOptions SecondaryOf(DelegationStorageOptions primary)
    {
        const string AzureTables = ".table.core.windows.net";
        if (primary.TableServiceUri is { } uri && uri.Host.EndsWith(AzureTables, StringComparison.OrdinalIgnoreCase) && uri.Host.IndexOf('.', StringComparison.Ordinal) == uri.Host.Length - AzureTables.Length)
        {
            var account = uri.Host[..^AzureTables.Length];
            return new DelegationStorageOptions { TableServiceUri = new UriBuilder(uri) { Host = $"{account}-secondary{AzureTables}" }.Uri, TableName = primary.TableName };
        }

        throw new CliException(ExitCodes.Usage, $"{SecondaryName}: no secondary endpoint is configured. Set DelegationStorageSecondary__tableServiceUri to https://<account>-secondary.table.core.windows.net (or DelegationStorageSecondary to a connection string), or give --table-service-uri https://<account>.table.core.windows.net.");
    }

    public IDelegationStore CreateStore(ParseResult parseResult)
    {
        var clientOptions = new Azure.Data.Tables.TableClientOptions();
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(200);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        try
        {
            return new TableDelegationStore(DelegationTableClientFactory.Create(Read(parseResult), clientOptions));
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException(ExitCodes.Usage, ex.Message);
        }
    }
}
