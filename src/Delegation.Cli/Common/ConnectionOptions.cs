using System.CommandLine;
using Delegation.Checks;
using Delegation.Table;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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

    /// <summary>Added to the commands that read or write recorded check results.</summary>
    public Option<string?> ChecksTable { get; } = new("--checks-table")
    {
        Description = $"Table of recorded check results. Default: $DelegationChecks__Table, else '{TableCheckResultStore.DefaultTable}'.",
    };

    private readonly Dictionary<Command, Func<ParseResult, IConfiguration, CommandServices>> _extensions = [];
    private ParseResult? _builtFor;
    private ServiceProvider? _services;
    private bool _configured;

    public void AddTo(Command command)
    {
        command.Options.Add(ConnectionString);
        command.Options.Add(TableServiceUri);
        command.Options.Add(Table);
    }

    /// <summary>
    /// Lets <paramref name="command"/> add its flags and services to the one provider this invocation builds;
    /// <paramref name="extension"/> gets the environment's settings, which its flags are laid over.
    /// </summary>
    public void Extend(Command command, Func<ParseResult, IConfiguration, CommandServices> extension) => _extensions.Add(command, extension);

    /// <summary>A service from this invocation's provider; a setting its validator refuses is one line and a usage exit.</summary>
    public T Get<T>(ParseResult parseResult)
        where T : notnull =>
        Resolve(Services(parseResult), services => services.GetRequiredService<T>());

    /// <summary>Disposes this invocation's provider and what it made (the check engine's connections); the next call builds anew.</summary>
    public void Release()
    {
        _services?.Dispose();
        (_builtFor, _services) = (null, null);
    }

    /// <summary>True when a table is named on the command line or in the environment (not only the Azurite default).</summary>
    public bool IsConfigured(ParseResult parseResult)
    {
        _ = Services(parseResult);
        return _configured;
    }

    /// <summary>The endpoint this command reads: the primary, or with <c>--secondary</c> the secondary.</summary>
    public DelegationStorageOptions Read(ParseResult parseResult) =>
        Resolve(Services(parseResult), services => services.GetRequiredService<IOptions<DelegationStorageOptions>>().Value);

    public IDelegationStore CreateStore(ParseResult parseResult) => Get<IDelegationStore>(parseResult);

    public ICheckResultStore CreateCheckResultStore(ParseResult parseResult) => Get<ICheckResultStore>(parseResult);

    /// <summary>
    /// The service's own storage wiring (<see cref="DelegationStorageServiceCollectionExtensions.AddDelegationStorage"/>)
    /// over the service's settings, read from the environment, with what the command line gives laid over them, and what
    /// the command adds (<see cref="Extend"/>). With <c>--secondary</c> the secondary endpoint takes the primary's place:
    /// every table this command reads is there.
    /// </summary>
    private ServiceProvider Services(ParseResult parseResult)
    {
        if (_services is not null && ReferenceEquals(_builtFor, parseResult))
        {
            return _services;
        }

        var added = _extensions.TryGetValue(parseResult.CommandResult.Command, out var extension)
            ? extension(parseResult, new ConfigurationBuilder().AddEnvironmentVariables().Build())
            : null;
        var overrides = Flags(parseResult);
        foreach (var (key, value) in added?.Settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var environment = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(overrides).Build();
        _configured = !string.IsNullOrWhiteSpace(environment[DelegationStorageOptions.ConnectionStringKey])
            || !string.IsNullOrEmpty(environment[DelegationStorageOptions.TableServiceUriKey])
            || parseResult.GetValue(Table) is not null;
        if (string.IsNullOrWhiteSpace(environment[DelegationStorageOptions.ConnectionStringKey]) && string.IsNullOrEmpty(environment[DelegationStorageOptions.TableServiceUriKey]))
        {
            overrides[DelegationStorageOptions.ConnectionStringKey] = DevelopmentStorage;
        }

        var services = Build(overrides, added);
        if (parseResult.GetResult(Secondary) is not null && parseResult.GetValue(Secondary))
        {
            var primary = Resolve(services, s => s.GetRequiredService<IOptions<DelegationStorageOptions>>().Value);
            var secondary = Resolve(services, s => s.GetRequiredService<IOptionsMonitor<DelegationStorageOptions>>().Get(DelegationStorageOptions.Secondary));
            services.Dispose();
            secondary = secondary.IsConfigured ? secondary : SecondaryOf(primary);
            overrides[DelegationStorageOptions.ConnectionStringKey] = secondary.TableServiceUri is null ? secondary.ConnectionString : null;
            overrides[DelegationStorageOptions.TableServiceUriKey] = secondary.TableServiceUri?.OriginalString;
            services = Build(overrides, added);
        }

        _services?.Dispose();
        (_builtFor, _services) = (parseResult, services);
        return services;
    }

    private static ServiceProvider Build(Dictionary<string, string?> overrides, CommandServices? added)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(overrides).Build())
            .AddDelegationStorage(_ => DelegationTableClientFactory.ForTool(), _ => DelegationTableClientFactory.ForTool());
        added?.Add(services);
        return services.BuildServiceProvider();
    }

    /// <summary>The flags as settings, each checked first so its line names the flag; what is left comes from the environment.</summary>
    private Dictionary<string, string?> Flags(ParseResult parseResult)
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

        var table = parseResult.GetValue(Table);
        if (table is not null && DelegationStorageOptions.CheckTableName(table) is { } tableProblem)
        {
            throw new CliException(ExitCodes.Usage, $"{Table.Name} '{table}' is invalid: {tableProblem}");
        }

        var checksTable = parseResult.GetResult(ChecksTable) is null ? null : parseResult.GetValue(ChecksTable);
        if (checksTable is not null && DelegationStorageOptions.CheckTableName(checksTable) is { } checksProblem)
        {
            throw new CliException(ExitCodes.Usage, $"{ChecksTable.Name} '{checksTable}' is invalid: {checksProblem}");
        }

        var overrides = new Dictionary<string, string?>();
        if (uri is not null || connectionString is not null)
        {
            // A table named on the command line is another account than the settings': none of theirs applies.
            overrides[DelegationStorageOptions.TableServiceUriKey] = uri;
            overrides[DelegationStorageOptions.ConnectionStringKey] = connectionString;
            overrides[DelegationStorageOptions.SecondaryTableServiceUriKey] = null;
            overrides[DelegationStorageOptions.SecondaryConnectionStringKey] = null;
        }

        if (table is not null)
        {
            overrides[DelegationStorageOptions.TableKey] = table;
        }

        if (checksTable is not null)
        {
            overrides[DelegationStorageOptions.ChecksTableKey] = checksTable;
        }

        return overrides;
    }

    // A setting the validator refuses, or a credential or client that cannot be made, is one line and a usage exit.
    private static T Resolve<T>(IServiceProvider services, Func<IServiceProvider, T> resolve)
    {
        try
        {
            return resolve(services);
        }
        catch (OptionsValidationException ex)
        {
            throw new CliException(ExitCodes.Usage, ex.Failures.First());
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException(ExitCodes.Usage, ex.Message);
        }
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
}
