using System.Text.Json;
using Azure.Data.Tables;
using Delegation.Table;

namespace Delegation.Tests.Cli.Export;

public sealed class ExportCommandTests
{
    [Fact]
    public async Task Export_Json_IsAnArrayInDomainOrderWithTableColumnNames()
    {
        var run = await CliRun.NewTableAsync();
        foreach (var domain in new[] { "c.example", "a.example", "*.b.example" })
        {
            await run.Store.TryAddAsync(new DelegationRow(domain) { Server = "m.example:443" }, TestContext.Current.CancellationToken);
        }

        var result = await run.RunAsync("export");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Output);
        Assert.Equal(["*.b.example", "a.example", "c.example"], document.RootElement.EnumerateArray().Select(r => r.GetProperty("PartitionKey").GetString()));
        Assert.Equal(6, result.Output.Split('\n').Length);
    }

    [Fact]
    public async Task Export_EmptyTable_WritesEmptyArrayAndCsvHeader()
    {
        var run = await CliRun.NewTableAsync();

        var json = await run.RunAsync("export");
        var csv = await run.RunAsync("export", "--format", "csv");

        Assert.Equal("[]\n", json.Output);
        Assert.Equal("PartitionKey,Server,ClientBaseUrl,IdentityServerBaseUrl,ClientExtra,Support\r\n", csv.Output);
    }

    [Fact]
    public async Task Export_ColumnOfWrongType_WarnsAndLeavesItOut()
    {
        var run = await CliRun.NewTableAsync();
        await run.Table.AddEntityAsync(new TableEntity("typed.example", string.Empty) { ["Server"] = 8448, ["ClientBaseUrl"] = "https://m.typed.example" }, TestContext.Current.CancellationToken);

        var result = await run.RunAsync("export", "--format", "csv");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning: typed.example: Server holds 8448", result.Error, StringComparison.Ordinal);
        Assert.Contains("typed.example,,https://m.typed.example,,,", result.Output, StringComparison.Ordinal);
    }
}
