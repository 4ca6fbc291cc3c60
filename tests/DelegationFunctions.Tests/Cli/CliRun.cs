using Azure.Data.Tables;
using Delegation.Cli;
using Delegation.Cli.Common;
using Delegation.Table;

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

    public Task<CliResult> RunAsync(params string[] args) =>
        InvokeAsync([.. args, "--connection-string", connectionString, "--table", table], new ConnectionOptions { WrapStore = wrapStore });

    /// <summary>Runs the command with exactly <paramref name="args"/> (the caller names the table and network).</summary>
    public static async Task<CliResult> InvokeAsync(string[] args, ConnectionOptions? connection = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await DelegationCommand.InvokeAsync(args, output, error, connection);
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
