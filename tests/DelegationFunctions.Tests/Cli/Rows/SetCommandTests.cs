using Azure.Data.Tables;

namespace Delegation.Tests.Cli.Rows;

public sealed class SetCommandTests
{
    [Fact]
    public async Task Set_SameValuesOnRowWithANonTextColumn_RewritesTheRowWithoutIt()
    {
        var run = await CliRun.NewTableAsync();
        await run.Table.AddEntityAsync(new TableEntity("typed.example", string.Empty) { ["Server"] = 8448, ["ClientBaseUrl"] = "https://m.typed.example" }, TestContext.Current.CancellationToken);

        var result = await run.RunAsync("set", "typed.example", "--client-base-url", "https://m.typed.example");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Updated typed.example.\n", result.Output.ReplaceLineEndings("\n"));
        var entity = (await run.Table.GetEntityAsync<TableEntity>("typed.example", string.Empty, cancellationToken: TestContext.Current.CancellationToken)).Value;
        Assert.False(entity.ContainsKey("Server"));
        Assert.Equal("https://m.typed.example", entity.GetString("ClientBaseUrl"));
    }

    [Fact]
    public async Task Set_SameValues_IsUnchangedAndKeepsTheETag()
    {
        var run = await CliRun.NewTableAsync();
        await run.RunAsync("set", "same.example", "--server", "m.same.example:443");
        var etag = (await run.RowsAsync()).Single().ETag;

        var result = await run.RunAsync("set", "same.example", "--server", "M.Same.Example:443");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Unchanged same.example.", result.Output, StringComparison.Ordinal);
        Assert.Equal(etag, (await run.RowsAsync()).Single().ETag);
    }
}
