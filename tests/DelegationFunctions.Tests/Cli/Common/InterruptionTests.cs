using System.Globalization;
using System.Text.RegularExpressions;
using Delegation.Table;
using Delegation.Tests.Checks;

namespace Delegation.Tests.Cli.Common;

/// <summary>
/// The built tool as a process of its own, stopped by Ctrl+C (SIGINT) or SIGTERM while storage or a domain keeps it
/// waiting: it exits with the signal's status (130, 143) and its last line says how far it got, never more than it did.
/// </summary>
public sealed class InterruptionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task Import_SignalWhileWriting_SaysAtLeastTheRowsWrittenAndRunAgainFinishes(string signal, int exitCode)
    {
        var table = await CliRun.NewTableAsync();
        using var file = TempFile.Create(".jsonl", Rows(300));
        await using var proxy = await table.StallingProxyAsync(writesBeforeStall: 40);
        await using var import = table.Start(proxy, "import", file.Path, "--parallel", "4");

        var exit = await SignalWhenStalledAsync(import, proxy.Stalled, signal);
        var landed = (await table.RowsAsync()).Count;
        var again = await table.RunAsync("import", file.Path);

        Assert.Equal(exitCode, exit);
        var wrote = Regex.Match(LastLine(import.Error), "^Interrupted: wrote at least ([0-9]+) of 300 rows; run the same import again to finish\\.$");
        Assert.True(wrote.Success, import.ToString());
        Assert.Equal(40, landed);
        Assert.InRange(int.Parse(wrote.Groups[1].Value, CultureInfo.InvariantCulture), 1, landed);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains($"300 records in '{file.Path}': 260 added, 0 changed, 40 unchanged, 0 invalid.", again.Output, StringComparison.Ordinal);
        Assert.Equal(300, (await table.RowsAsync()).Count);
    }

    [Fact]
    public async Task Import_SignalWhileReadingTheTable_SaysNoRowsWereWritten()
    {
        var table = await CliRun.NewTableAsync();
        using var file = TempFile.Create(".jsonl", Rows(300));
        await using var proxy = await table.StallingProxyAsync(queriesBeforeStall: 0);
        await using var import = table.Start(proxy, "import", file.Path);

        var exit = await SignalWhenStalledAsync(import, proxy.Stalled, "INT");

        Assert.Equal(130, exit);
        Assert.Equal("Interrupted while reading the table: no rows were written.", LastLine(import.Error));
        Assert.Empty(await table.RowsAsync());
    }

    [Fact]
    public async Task Export_SignalBetweenPagesToStandardOutput_SaysTheOutputIsIncomplete()
    {
        var table = await TableOfAsync(1001);
        await using var proxy = await table.StallingProxyAsync(queriesBeforeStall: 1);
        await using var export = table.Start(proxy, "export");

        var exit = await SignalWhenStalledAsync(export, proxy.Stalled, "INT");

        Assert.Equal(130, exit);
        Assert.Equal("Interrupted: wrote 1000 rows to standard output; that output is incomplete.", LastLine(export.Error));
        var lines = export.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1001, lines.Length);
        Assert.Equal("[", lines[0]);
        Assert.StartsWith("{\"PartitionKey\":", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_SignalBetweenPagesToFile_LeavesTheFileAsItWas()
    {
        var table = await TableOfAsync(1001);
        using var file = TempFile.Create(".json", "an earlier export\n");
        await using var proxy = await table.StallingProxyAsync(queriesBeforeStall: 1);
        await using var export = table.Start(proxy, "export", "--output", file.Path);

        var exit = await SignalWhenStalledAsync(export, proxy.Stalled, "TERM");

        Assert.Equal(143, exit);
        Assert.Equal($"Interrupted: '{file.Path}' was not written (left as it was); 1000 rows had been read.", LastLine(export.Error));
        Assert.Equal("an earlier export\n", file.ReadAllText());
        Assert.DoesNotContain(Directory.GetFiles(Path.GetDirectoryName(file.Path)!), path => path.StartsWith(file.Path + ".", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckAll_SignalWhileADomainHangs_SaysHowManyWereCheckedAndRecorded()
    {
        var azurite = await Azurite.Shared;
        var rows = await azurite.CreateTableAsync("rows");
        var store = new TableDelegationStore(rows);
        await store.TryAddAsync(new DelegationRow("good.test") { Server = "hs.good.test:8448", ClientBaseUrl = "https://hs.good.test" }, TestContext.Current.CancellationToken);
        await store.TryAddAsync(new DelegationRow("hangs.test") { Server = "hs.hangs.test:8448" }, TestContext.Current.CancellationToken);
        using var silent = new LoopbackListener(holdOpen: true);
        await using var network = (await CheckNetwork.StartAsync()).Good("good.test").Pin("hangs.test", 443, silent.Port);
        var checks = "checks" + Guid.NewGuid().ToString("N")[..12];
        await using var check = ChildProcess.Start(DelegationProcess.StartInfo(
            ["check", "--all", "--record", "--concurrency", "1", "--connection-string", azurite.ConnectionString, "--table", rows.Name, "--checks-table", checks, .. network.Arguments()]));

        await check.WaitForLineAsync(line => line.StartsWith("[1/2] good.test: server ", StringComparison.Ordinal), Wait, TestContext.Current.CancellationToken);
        var exit = await SignalWhenStalledAsync(check, silent.Connected, "INT");
        var recorded = azurite.TableClient(checks).QueryAsync<Azure.Data.Tables.TableEntity>(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(130, exit);
        Assert.Equal("Interrupted: checked 1 of 2 domains, recorded at least 1; run it again to check them all.", LastLine(check.Error));
        Assert.Equal(["good.test"], await recorded.Select(e => e.PartitionKey).ToListAsync(TestContext.Current.CancellationToken));
    }

    private static string Rows(int count) =>
        string.Join('\n', Enumerable.Range(0, count).Select(i => $"{{\"PartitionKey\":\"d{i:D4}.example\",\"Server\":\"m{i}.example:443\"}}"));

    private static async Task<CliRun> TableOfAsync(int count)
    {
        var table = await CliRun.NewTableAsync();
        using var file = TempFile.Create(".jsonl", Rows(count));
        var import = await table.RunAsync("import", file.Path, "--parallel", "16");
        Assert.True(import.ExitCode == 0, import.ToString());
        return table;
    }

    private static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].TrimEnd('\r');

    // Signals only once the tool waits on a held request, so the signal always lands mid-run.
    private async Task<int> SignalWhenStalledAsync(ChildProcess process, Task stalled, string signal)
    {
        await stalled.WaitAsync(Wait, TestContext.Current.CancellationToken);
        await process.SignalAsync(signal, TestContext.Current.CancellationToken);
        var exit = await process.WaitForExitAsync(Wait, TestContext.Current.CancellationToken);
        output.WriteLine(process.ToString());
        return exit;
    }
}
