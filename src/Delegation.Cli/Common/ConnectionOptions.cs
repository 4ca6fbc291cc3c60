using System.CommandLine;
using Delegation.Table;
using Microsoft.Extensions.Configuration;

namespace Delegation.Cli.Common;

/// <summary>
/// Where the table is: <c>--connection-string</c>, <c>--table-service-uri</c> (Entra ID) and <c>--table</c>, falling back
/// to the service's settings (<c>DelegationStorage</c>, <c>DelegationStorage__tableServiceUri</c>, <c>DelegationTable</c>)
/// and then to Azurite (<c>UseDevelopmentStorage=true</c>).
/// </summary>
internal sealed class ConnectionOptions
{
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";
    public const string TableServiceUriName = "--table-service-uri";

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

        // The service's own settings, read from the environment, with what the command line gives laid over them.
        var overrides = new Dictionary<string, string?>();
        var connectionString = parseResult.GetValue(ConnectionString);
        if (uri is not null || connectionString is not null)
        {
            overrides[DelegationStorageOptions.TableServiceUriKey] = uri;
            overrides[DelegationStorageOptions.ConnectionStringKey] = connectionString;
        }

        if (parseResult.GetValue(Table) is { } table)
        {
            overrides[DelegationStorageOptions.TableKey] = table;
        }

        var settings = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(overrides).Build();
        try
        {
            return DelegationTableClientFactory.ReadOptions(settings);
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException(ExitCodes.Usage, ex.Message);
        }
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
        catch (FormatException ex)
        {
            throw new CliException(ExitCodes.Usage, $"The connection string is invalid: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException(ExitCodes.Usage, ex.Message);
        }
    }
}
