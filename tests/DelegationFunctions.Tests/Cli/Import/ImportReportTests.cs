using System.Text.Json;
using Delegation.Table;

namespace Delegation.Tests.Cli.Import;

/// <summary>What a dry run reports: a column the file leaves out (or empty) is cleared by the import, and says so.</summary>
public sealed class ImportReportTests
{
    private const string Support = "{\"contacts\":[{\"role\":\"m.role.admin\",\"email_address\":\"admin@example.com\"}]}";

    [Fact]
    public async Task DryRun_FileWithoutSomeColumns_SaysWhichAreCleared()
    {
        var run = await CliRun.NewTableAsync();
        await run.Store.TryAddAsync(new DelegationRow("a.example") { Server = "old.a.example:443", ClientBaseUrl = "https://matrix.a.example", Support = Support }, TestContext.Current.CancellationToken);
        await run.Store.TryAddAsync(new DelegationRow("b.example") { Server = "b.example:443", Support = Support }, TestContext.Current.CancellationToken);
        using var file = TempFile.Create(".csv", "PartitionKey,Server,ClientBaseUrl\na.example,new.a.example:443,https://matrix.a.example\nb.example,b.example:443,\nc.example,c.example:443,\n");

        var result = await run.RunAsync("import", file.Path, "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            "LINE  ACTION   DOMAIN     COLUMNS\n"
            + "2     changed  a.example  Server, Support (cleared)\n"
            + "3     changed  b.example  Support (cleared)\n"
            + "4     added    c.example  Server\n"
            + "\n"
            + $"3 records in '{file.Path}': 1 would be added, 2 would be changed, 0 unchanged, 0 invalid.\n"
            + "Dry run: nothing was written.\n",
            result.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task DryRunJson_EmptyCell_ListsTheColumnAsCleared()
    {
        var run = await CliRun.NewTableAsync();
        await run.Store.TryAddAsync(new DelegationRow("a.example") { Server = "a.example:443", ClientBaseUrl = "https://matrix.a.example" }, TestContext.Current.CancellationToken);
        using var file = TempFile.Create(".csv", "PartitionKey,Server,ClientBaseUrl\na.example,a.example:8448,\n");

        var result = await run.RunAsync("import", file.Path, "--dry-run", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var report = JsonDocument.Parse(result.Output);
        var row = Assert.Single(report.RootElement.GetProperty("rows").EnumerateArray());
        Assert.Equal(["Server", "ClientBaseUrl"], row.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["ClientBaseUrl"], row.GetProperty("cleared").EnumerateArray().Select(c => c.GetString()));
    }
}
