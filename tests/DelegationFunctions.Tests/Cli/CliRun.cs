using Azure.Data.Tables;
using Delegation.Cli;
using Delegation.Table;

namespace Delegation.Tests.Cli;

/// <summary>
/// Runs the <c>delegation</c> command in-process against one Azurite table and captures what it printed. The command
/// can be pointed at a <see cref="TableWriteProxy"/> in front of the table; <see cref="Table"/> and
/// <see cref="Store"/> always reach Azurite directly.
/// </summary>
internal sealed class CliRun(string connectionString, string table, string? commandConnectionString = null)
{
    public static async Task<CliRun> NewTableAsync()
    {
        var azurite = await Azurite.Shared;
        var client = await azurite.CreateTableAsync();
        return new CliRun(azurite.ConnectionString, client.Name);
    }

    public TableClient Table { get; } = new TableServiceClient(connectionString).GetTableClient(table);

    public IDelegationStore Store => new TableDelegationStore(Table);

    /// <summary>Starts a proxy in front of this table; see <see cref="TableWriteProxy.StartAsync"/>.</summary>
    public Task<TableWriteProxy> StartProxyAsync(Func<CancellationToken, Task>? beforeFirstWrite = null, int writesBeforeFailure = int.MaxValue) =>
        TableWriteProxy.StartAsync(connectionString, table, beforeFirstWrite, writesBeforeFailure);

    /// <summary>The same table, with the command going through <paramref name="proxy"/>.</summary>
    public CliRun Through(TableWriteProxy proxy) => new(connectionString, table, proxy.ConnectionString);

    public Task<CliResult> RunAsync(params string[] args) =>
        InvokeAsync([.. args, "--connection-string", commandConnectionString ?? connectionString, "--table", table]);

    /// <summary>Runs the command with exactly <paramref name="args"/> (the caller names the table and network).</summary>
    public static async Task<CliResult> InvokeAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await DelegationCommand.InvokeAsync(args, output, error);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Someone else's edit, straight to the table: sets the server of <paramref name="domain"/>, adding the row if there is none.</summary>
    public async Task SetServerAsync(string domain, string server, CancellationToken cancellationToken = default)
    {
        var current = await Store.GetAsync(domain, cancellationToken);
        var written = current is null
            ? await Store.TryAddAsync(new DelegationRow(domain) { Server = server }, cancellationToken)
            : await Store.TryReplaceAsync(current with { Server = server }, current.ETag!.Value, cancellationToken);
        if (!written)
        {
            throw new InvalidOperationException($"Setting the server of {domain} to {server} lost a race of its own.");
        }
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
