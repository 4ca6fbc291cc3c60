using Delegation.Table;

namespace Delegation.Tests.Cli.Rows;

public sealed class RowConflictTests
{
    [Fact]
    public async Task Set_RowChangedBetweenReadAndWrite_RefusesAndSaysWhatChanged()
    {
        var table = await CliRun.NewTableAsync();
        await table.Store.TryAddAsync(new DelegationRow("race.example") { Server = "old.example:443" });
        var run = table.WithStore(store => new RacingStore(store, EditAsync));

        var result = await run.RunAsync("set", "race.example", "--client-base-url", "https://mine.example");

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("was changed by someone else after it was read; nothing was written", result.Error, StringComparison.Ordinal);
        Assert.Contains("Server: 'old.example:443' -> 'theirs.example:443'", result.Error, StringComparison.Ordinal);
        var row = (await table.RowsAsync()).Single();
        Assert.Equal("theirs.example:443", row.Server);
        Assert.Null(row.ClientBaseUrl);
    }

    [Fact]
    public async Task Set_RowCreatedBetweenReadAndWrite_RefusesAndKeepsTheirs()
    {
        var table = await CliRun.NewTableAsync();
        var run = table.WithStore(store => new RacingStore(store, inner => inner.TryAddAsync(new DelegationRow("race.example") { Server = "theirs.example:443" })));

        var result = await run.RunAsync("set", "race.example", "--server", "mine.example:443");

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("It was created meanwhile.", result.Error, StringComparison.Ordinal);
        Assert.Equal("theirs.example:443", (await table.RowsAsync()).Single().Server);
    }

    [Fact]
    public async Task Remove_RowChangedBetweenReadAndDelete_RefusesAndKeepsTheRow()
    {
        var table = await CliRun.NewTableAsync();
        await table.Store.TryAddAsync(new DelegationRow("race.example") { Server = "old.example:443" });
        var run = table.WithStore(store => new RacingStore(store, EditAsync));

        var result = await run.RunAsync("remove", "race.example");

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("nothing was deleted", result.Error, StringComparison.Ordinal);
        Assert.Contains("Server: 'old.example:443' -> 'theirs.example:443'", result.Error, StringComparison.Ordinal);
        Assert.Equal("theirs.example:443", (await table.RowsAsync()).Single().Server);
    }

    [Fact]
    public async Task Set_NoConcurrentEdit_Writes()
    {
        var table = await CliRun.NewTableAsync();
        await table.Store.TryAddAsync(new DelegationRow("calm.example") { Server = "old.example:443" });
        var run = table.WithStore(store => new RacingStore(store, _ => Task.CompletedTask));

        var result = await run.RunAsync("set", "calm.example", "--server", "new.example:443");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("new.example:443", (await table.RowsAsync()).Single().Server);
    }

    private static async Task EditAsync(IDelegationStore store)
    {
        var current = await store.GetAsync("race.example");
        Assert.True(await store.TryReplaceAsync(current! with { Server = "theirs.example:443" }, current!.ETag!.Value));
    }
}
