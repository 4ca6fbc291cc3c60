using Azure.Data.Tables;
using Delegation.Cli;
using Delegation.Cli.Common;
using Delegation.Table;
using Delegation.Tests.Infrastructure;

namespace Delegation.Tests.Cli;

/// <summary>Runs the <c>delegation</c> command in-process against one Azurite table and captures what it printed.</summary>
internal sealed class CliRun(string connectionString, string table, Func<IDelegationStore, IDelegationStore>? wrapStore = null)
{
    public static async Task<CliRun> NewTableAsync(Func<IDelegationStore, IDelegationStore>? wrapStore = null)
    {
        var azurite = await Azurite.Shared;
        var client = await azurite.CreateTableAsync();
        return new CliRun(azurite.ConnectionString, client.Name, wrapStore);
    }

    public TableClient Table { get; } = new TableServiceClient(connectionString).GetTableClient(table);

    public IDelegationStore Store => new TableDelegationStore(Table);

    public CliRun WithStore(Func<IDelegationStore, IDelegationStore> wrap) => new(connectionString, table, wrap);

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await DelegationCommand.InvokeAsync(
            [.. args, "--connection-string", connectionString, "--table", table],
            output,
            error,
            new ConnectionOptions { WrapStore = wrapStore });
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public async Task<List<DelegationRow>> RowsAsync()
    {
        var rows = new List<DelegationRow>();
        await foreach (var row in Store.ListAsync())
        {
            rows.Add(row);
        }

        return rows;
    }
}
