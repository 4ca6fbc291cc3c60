using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Delegation.Table;

namespace Delegation.Tests.Cli.Import;

public sealed class ImportCommandTests
{
    private const string TrickyExtra = "{\"org.matrix.msc3575.proxy\":{\"url\":\"https://sliding.example.com/a,b\"},\n \"io.element.e2ee\":{\"default\":false, \"note\":\"say \\\"hi\\\"\"}}";
    private const string Support = "{\"contacts\":[{\"role\":\"m.role.admin\",\"email_address\":\"admin@example.com\"}]}";

    [Fact]
    public async Task Import_JsonArrayThenExportThenImport_ReproducesTheSameRows()
    {
        var source = await CliRun.NewTableAsync();
        using var file = TempFile.Create(".json", JsonSerializer.Serialize(new[]
        {
            new Dictionary<string, string> { ["PartitionKey"] = "example.com", ["Server"] = "matrix.example.com:443", ["ClientBaseUrl"] = "https://matrix.example.com", ["ClientExtra"] = TrickyExtra, ["Support"] = Support },
            new Dictionary<string, string> { ["Domain"] = "bücher.example", ["Server"] = "Matrix.XN--bcher-kva.example" },
            new Dictionary<string, string> { ["PartitionKey"] = "*.hosted.example", ["Server"] = "matrix.hosted.example" },
        }));
        var imported = await source.RunAsync("import", file.Path);
        using var exported = TempFile.Empty(".json");
        var export = await source.RunAsync("export", "--output", exported.Path);
        var target = await CliRun.NewTableAsync();

        var reimported = await target.RunAsync("import", exported.Path);

        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.True(reimported.ExitCode == 0, reimported.ToString());
        var expected = await source.RowsAsync();
        var actual = await target.RowsAsync();
        Assert.Equal(3, actual.Count);
        Assert.Equal(expected.Select(r => r.Domain), actual.Select(r => r.Domain));
        Assert.All(expected.Zip(actual), pair => Assert.True(pair.First.HasSameValues(pair.Second), $"{pair.First} != {pair.Second}"));
        Assert.Contains(actual, r => r.Domain == "xn--bcher-kva.example" && r.Server == "matrix.xn--bcher-kva.example");
        Assert.Equal(TrickyExtra, actual.Single(r => r.Domain == "example.com").ClientExtra);
    }

    [Fact]
    public async Task Import_CsvThenExportCsv_RoundTripsQuotesCommasAndNewlines()
    {
        var source = await CliRun.NewTableAsync();
        var csv = "PartitionKey,Server,ClientBaseUrl,ClientExtra,Support\r\n"
            + $"example.com,matrix.example.com:443,https://matrix.example.com,\"{TrickyExtra.Replace("\"", "\"\"", StringComparison.Ordinal)}\",\"{Support.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\r\n"
            + "other.example,other.example:8448,,,\r\n";
        using var file = TempFile.Create(".csv", csv);
        var imported = await source.RunAsync("import", file.Path);
        using var exported = TempFile.Empty(".csv");
        await source.RunAsync("export", "--format", "csv", "--output", exported.Path);
        var target = await CliRun.NewTableAsync();

        var reimported = await target.RunAsync("import", exported.Path);
        using var again = TempFile.Empty(".csv");
        await target.RunAsync("export", "--format", "csv", "--output", again.Path);

        Assert.Equal(0, imported.ExitCode);
        Assert.Equal(0, reimported.ExitCode);
        Assert.Equal(TrickyExtra, (await target.RowsAsync()).Single(r => r.Domain == "example.com").ClientExtra);
        Assert.Equal(exported.ReadAllText(), again.ReadAllText());
        Assert.Equal(2, (await target.RowsAsync()).Count);
    }

    [Fact]
    public async Task Import_SameFileTwice_SecondRunChangesNothing()
    {
        var run = await CliRun.NewTableAsync();
        using var file = TempFile.Create(".jsonl", "{\"PartitionKey\":\"a.example\",\"Server\":\"a.example:443\"}\n{\"PartitionKey\":\"b.example\",\"Server\":\"b.example:443\"}\n");
        await run.RunAsync("import", file.Path);
        var etags = (await run.RowsAsync()).Select(r => r.ETag).ToList();

        var second = await run.RunAsync("import", file.Path);

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("0 added, 0 changed, 2 unchanged", second.Output, StringComparison.Ordinal);
        Assert.Equal(etags, (await run.RowsAsync()).Select(r => r.ETag));
    }

    [Fact]
    public async Task Import_DryRun_ReportsEachKindAndWritesNothing()
    {
        var run = await CliRun.NewTableAsync();
        await run.Store.TryAddAsync(new DelegationRow("same.example") { Server = "same.example:443" }, TestContext.Current.CancellationToken);
        await run.Store.TryAddAsync(new DelegationRow("changed.example") { Server = "old.example:443" }, TestContext.Current.CancellationToken);
        var before = (await run.RowsAsync()).Select(r => r.ETag).ToList();
        using var file = TempFile.Create(".jsonl", string.Join('\n',
            "{\"PartitionKey\":\"same.example\",\"Server\":\"same.example:443\"}",
            "{\"PartitionKey\":\"changed.example\",\"Server\":\"new.example:443\"}",
            "{\"PartitionKey\":\"added.example\",\"Server\":\"added.example:443\"}",
            "{\"PartitionKey\":\"bad.example\",\"Server\":\"https://bad.example\"}"));

        var result = await run.RunAsync("import", file.Path, "--dry-run", "--json");

        Assert.Equal(1, result.ExitCode);
        using var report = JsonDocument.Parse(result.Output);
        var summary = report.RootElement.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("added").GetInt32());
        Assert.Equal(1, summary.GetProperty("changed").GetInt32());
        Assert.Equal(1, summary.GetProperty("unchanged").GetInt32());
        Assert.Equal(1, summary.GetProperty("invalid").GetInt32());
        var invalid = report.RootElement.GetProperty("invalid")[0];
        Assert.Equal(4, invalid.GetProperty("line").GetInt32());
        Assert.Equal("Server", invalid.GetProperty("field").GetString());
        Assert.Equal(before, (await run.RowsAsync()).Select(r => r.ETag));
        Assert.Equal(2, (await run.RowsAsync()).Count);
    }

    [Fact]
    public async Task Import_InvalidRow_WritesNothingAndNamesLineFieldValueAndRule()
    {
        var run = await CliRun.NewTableAsync();
        using var file = TempFile.Create(".jsonl", "{\"PartitionKey\":\"good.example\",\"Server\":\"good.example:443\"}\n\n{\"PartitionKey\":\"bad.example\",\"Server\":\"matrix.org:99999\"}\n");

        var result = await run.RunAsync("import", file.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("3     bad.example  Server  matrix.org:99999", result.Output, StringComparison.Ordinal);
        Assert.Contains("nothing was written", result.Error, StringComparison.Ordinal);
        Assert.Empty(await run.RowsAsync());
    }

    [Fact]
    public async Task Import_SkipInvalid_WritesValidRowsAndStillReportsTheRest()
    {
        var run = await CliRun.NewTableAsync();
        using var file = TempFile.Create(".jsonl", "{\"PartitionKey\":\"good.example\",\"Server\":\"good.example:443\"}\n{\"PartitionKey\":\"bad_name.example\",\"Server\":\"x.example\"}\n");

        var result = await run.RunAsync("import", file.Path, "--skip-invalid");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad_name.example", result.Output, StringComparison.Ordinal);
        Assert.Equal(["good.example"], (await run.RowsAsync()).Select(r => r.Domain));
    }

    [Fact]
    public async Task Import_RowChangedBetweenReadAndWrite_IsReportedAsConflictAndNotOverwritten()
    {
        var table = await CliRun.NewTableAsync();
        await table.Store.TryAddAsync(new DelegationRow("race.example") { Server = "old.example:443" }, TestContext.Current.CancellationToken);
        using var file = TempFile.Create(".jsonl", "{\"PartitionKey\":\"race.example\",\"Server\":\"mine.example:443\"}\n");

        var result = await table.RunRacedAsync("race.example", "someone-else.example:443", "import", file.Path);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("race.example changed after it was read", result.Output, StringComparison.Ordinal);
        Assert.Contains("Server: 'old.example:443' -> 'someone-else.example:443'", result.Output, StringComparison.Ordinal);
        Assert.Equal("someone-else.example:443", (await table.RowsAsync()).Single().Server);
    }

    [Fact]
    public async Task Import_InterruptedByStorageFailure_RunAgainFinishes()
    {
        var table = await CliRun.NewTableAsync();
        var lines = Enumerable.Range(0, 300).Select(i => $"{{\"PartitionKey\":\"d{i}.example\",\"Server\":\"m{i}.example:443\"}}");
        using var file = TempFile.Create(".jsonl", string.Join('\n', lines));
        var interrupted = await table.RunThroughProxyAsync(["import", file.Path, "--parallel", "4"], writesBeforeFailure: 100);
        var landed = (await table.RowsAsync()).Count;

        var finished = await table.RunAsync("import", file.Path);

        Assert.Equal(3, interrupted.ExitCode);
        var wrote = Regex.Match(interrupted.Error, "^Wrote at least ([0-9]+) of 300 rows before the failure below; run the same import again to finish", RegexOptions.Multiline);
        Assert.True(wrote.Success, interrupted.ToString());
        Assert.InRange(int.Parse(wrote.Groups[1].Value, CultureInfo.InvariantCulture), 1, landed);
        Assert.Contains("/devstoreaccount1: the table service cannot be reached", interrupted.Error, StringComparison.Ordinal);
        Assert.True(finished.ExitCode == 0, finished.ToString());
        Assert.Contains("unchanged", finished.Output, StringComparison.Ordinal);
        Assert.Equal(300, (await table.RowsAsync()).Count);
    }

    [Fact]
    public async Task Import_StorageUnreachable_OneClearMessageAndStorageExitCode()
    {
        using var file = TempFile.Create(".jsonl", "{\"PartitionKey\":\"a.example\",\"Server\":\"a.example:443\"}\n");
        var closed = Azurite.UnreachableConnectionString;
        var run = new CliRun(closed, "unreachable");

        var result = await run.RunAsync("import", file.Path);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith($"Storage error at http://127.0.0.1:{ReservedPorts.RefusingTcp}/devstoreaccount1: the table service cannot be reached", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
