using Azure.Data.Tables;
using Delegation.Cli;
using Delegation.Table;

namespace Delegation.Tests.Cli;

/// <summary>
/// Runs the <c>delegation</c> command in-process against one Azurite table, directly or through a
/// <see cref="TableWriteProxy"/>, and captures what it printed. <see cref="Table"/> and <see cref="Store"/> always
/// reach Azurite directly.
/// </summary>
internal sealed class CliRun(string connectionString, string table)
{
    public static async Task<CliRun> NewTableAsync()
    {
        var azurite = await Azurite.Shared;
        var client = await azurite.CreateTableAsync();
        return new CliRun(azurite.ConnectionString, client.Name);
    }

    public TableClient Table { get; } = new TableServiceClient(connectionString).GetTableClient(table);

    public IDelegationStore Store => new TableDelegationStore(Table);

    public Task<CliResult> RunAsync(params string[] args) => RunWithAsync(connectionString, args);

    /// <summary>Runs the command through a <see cref="TableWriteProxy"/> in front of the table, disturbing its writes as asked.</summary>
    public async Task<CliResult> RunThroughProxyAsync(string[] args, Func<CancellationToken, Task>? beforeFirstWrite = null, int writesBeforeFailure = int.MaxValue)
    {
        await using var proxy = await TableWriteProxy.StartAsync(connectionString, table, beforeFirstWrite, writesBeforeFailure);
        return await RunWithAsync(proxy.ConnectionString, args);
    }

    /// <summary>Starts a <see cref="TableWriteProxy"/> in front of the table that holds the writes and queries past the numbers given unanswered.</summary>
    public Task<TableWriteProxy> StallingProxyAsync(int writesBeforeStall = int.MaxValue, int queriesBeforeStall = int.MaxValue) =>
        TableWriteProxy.StartAsync(connectionString, table, writesBeforeStall: writesBeforeStall, queriesBeforeStall: queriesBeforeStall);

    /// <summary>Starts the built tool as a process of its own with <paramref name="args"/>, against the table through <paramref name="proxy"/>.</summary>
    public ChildProcess Start(TableWriteProxy proxy, params string[] args) =>
        ChildProcess.Start(DelegationProcess.StartInfo([.. args, "--connection-string", proxy.ConnectionString, "--table", table]));

    /// <summary>Runs the command while someone else sets the server of <paramref name="domain"/> after the command read it and before it writes.</summary>
    public Task<CliResult> RunRacedAsync(string domain, string theirServer, params string[] args) =>
        RunThroughProxyAsync(args, beforeFirstWrite: cancellationToken => SetServerAsync(domain, theirServer, cancellationToken));

    /// <summary>Runs the command with exactly <paramref name="args"/> (the caller names the table and network).</summary>
    public static async Task<CliResult> InvokeAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await DelegationCommand.InvokeAsync(args, output, error);
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

    private Task<CliResult> RunWithAsync(string connection, string[] args) =>
        InvokeAsync([.. args, "--connection-string", connection, "--table", table]);

    /// <summary>Someone else's edit, straight to the table: sets the server of <paramref name="domain"/>, adding the row if there is none.</summary>
    private async Task SetServerAsync(string domain, string server, CancellationToken cancellationToken = default)
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
}
