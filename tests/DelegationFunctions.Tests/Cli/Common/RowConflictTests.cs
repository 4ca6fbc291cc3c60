using Delegation.Cli.Common;
using Delegation.Table;

namespace Delegation.Tests.Cli.Common;

public sealed class RowConflictTests
{
    private static readonly DelegationRow Read = new("example.com") { Server = "old.example.com:443" };

    [Fact]
    public void Change_ColumnEdited_NamesColumnAndBothValues()
    {
        var conflict = new RowConflict("example.com", Read, Read with { Server = "new.example.com:443" });

        Assert.Equal("Changed meanwhile:\n  Server: 'old.example.com:443' -> 'new.example.com:443'", conflict.Change);
    }

    [Theory]
    [InlineData(true, false, "It has been deleted.")]
    [InlineData(false, true, "It was created meanwhile.")]
    [InlineData(true, true, "It was rewritten meanwhile (its values are the same as when it was read).")]
    public void Change_RowDeletedCreatedOrRewritten_SaysWhich(bool wasRead, bool isThere, string expected)
    {
        var conflict = new RowConflict("example.com", wasRead ? Read : null, isThere ? Read : null);

        Assert.Equal(expected, conflict.Change);
    }

    [Theory]
    [InlineData("was changed by someone else after it was read; nothing was written", "set", "race.example", "--client-base-url", "https://mine.example")]
    [InlineData("was changed by someone else after it was read; nothing was deleted", "remove", "race.example")]
    public async Task Command_RowChangedBetweenReadAndWrite_RefusesSaysWhatChangedAndKeepsTheirs(string refusal, params string[] args)
    {
        var table = await CliRun.NewTableAsync();
        await table.Store.TryAddAsync(new DelegationRow("race.example") { Server = "old.example:443" }, TestContext.Current.CancellationToken);

        var result = await table.RunRacedAsync("race.example", "theirs.example:443", args);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains(refusal, result.Error, StringComparison.Ordinal);
        Assert.Contains("Server: 'old.example:443' -> 'theirs.example:443'", result.Error, StringComparison.Ordinal);
        var row = Assert.Single(await table.RowsAsync());
        Assert.Equal("theirs.example:443", row.Server);
        Assert.Null(row.ClientBaseUrl);
    }

    [Fact]
    public async Task Set_RowCreatedBetweenReadAndWrite_RefusesAndKeepsTheirs()
    {
        var table = await CliRun.NewTableAsync();

        var result = await table.RunRacedAsync("race.example", "theirs.example:443", "set", "race.example", "--server", "mine.example:443");

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("It was created meanwhile.", result.Error, StringComparison.Ordinal);
        Assert.Equal("theirs.example:443", (await table.RowsAsync()).Single().Server);
    }

    [Fact]
    public async Task Set_NoConcurrentEditThroughTheProxy_Writes()
    {
        var table = await CliRun.NewTableAsync();
        await table.Store.TryAddAsync(new DelegationRow("calm.example") { Server = "old.example:443" }, TestContext.Current.CancellationToken);

        var result = await table.RunThroughProxyAsync(["set", "calm.example", "--server", "new.example:443"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("new.example:443", (await table.RowsAsync()).Single().Server);
    }
}
