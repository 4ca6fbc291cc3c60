using System.CommandLine;
using Delegation.Checks;
using Delegation.Cli.Common;
using Delegation.Table;

namespace Delegation.Cli.Check;

/// <summary>Where recorded check results live: <c>--checks-table</c>, else <c>$DelegationChecks__Table</c>, else 'delegationchecks', beside the delegations table.</summary>
internal sealed class CheckResultsOptions
{
    public const string TableVariable = "DelegationChecks__Table";

    public Option<string?> Table { get; } = new("--checks-table") { Description = $"Table of recorded check results. Default: ${TableVariable}, else '{TableCheckResultStore.DefaultTable}'." };

    public ICheckResultStore CreateStore(ConnectionOptions connection, ParseResult parseResult)
    {
        var storage = connection.Read(parseResult);
        storage.TableName = parseResult.GetValue(Table)
            ?? (Environment.GetEnvironmentVariable(TableVariable) is { Length: > 0 } table ? table : TableCheckResultStore.DefaultTable);
        if (DelegationStorageOptions.CheckTableName(storage.TableName) is { } tableProblem)
        {
            var source = parseResult.GetValue(Table) is null ? $"Setting {TableVariable}" : Table.Name;
            throw new CliException(ExitCodes.Usage, $"{source} '{storage.TableName}' is invalid: {tableProblem}");
        }

        var clientOptions = new Azure.Data.Tables.TableClientOptions();
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(200);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        try
        {
            return new TableCheckResultStore(DelegationTableClientFactory.Create(storage, clientOptions));
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException(ExitCodes.Usage, ex.Message);
        }
    }
}
