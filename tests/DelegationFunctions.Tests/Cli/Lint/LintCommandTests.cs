using System.Text.Json;
using Azure.Data.Tables;
using Delegation.Table;

namespace Delegation.Tests.Cli.Lint;

public sealed class LintCommandTests
{
    [Fact]
    public async Task Lint_RowsEditedByHandIntoInvalidValues_ReportsEachWithReasonAndExitsOne()
    {
        var run = await CliRun.NewTableAsync();
        await run.Table.AddEntityAsync(new TableEntity("good.example", string.Empty) { ["Server"] = "good.example:443" }, TestContext.Current.CancellationToken);
        await run.Table.AddEntityAsync(new TableEntity("Upper.example", string.Empty) { ["Server"] = "upper.example:443" }, TestContext.Current.CancellationToken);
        await run.Table.AddEntityAsync(new TableEntity("url.example", string.Empty) { ["Server"] = "https://matrix.url.example" }, TestContext.Current.CancellationToken);
        await run.Table.AddEntityAsync(new TableEntity("typed.example", string.Empty) { ["Server"] = 8448 }, TestContext.Current.CancellationToken);
        await run.Table.AddEntityAsync(new TableEntity("extra.example", string.Empty) { ["ClientBaseUrl"] = "https://m.extra.example", ["ClientExtra"] = "{\"m.homeserver\":{}}" }, TestContext.Current.CancellationToken);

        var result = await run.RunAsync("lint", "--json");

        Assert.Equal(1, result.ExitCode);
        using var report = JsonDocument.Parse(result.Output);
        Assert.Equal(5, report.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal(4, report.RootElement.GetProperty("invalidRows").GetInt32());
        var errors = report.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("severity").GetString() == "error")
            .Select(f => $"{f.GetProperty("domain").GetString()} {f.GetProperty("field").GetString()}: {f.GetProperty("rule").GetString()}")
            .ToList();
        Assert.Contains(errors, e => e.StartsWith("Upper.example PartitionKey: must be normalised as 'upper.example'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("url.example Server: is a server name, not a URL", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("typed.example Server: must be a string (Edm.String), not Int32", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("extra.example ClientExtra:", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.StartsWith("good.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lint_ValidRowsWithLikelyMistakes_WarnsAndExitsZero()
    {
        var run = await CliRun.NewTableAsync();
        var longName = string.Join('.', Enumerable.Repeat(new string('a', 60), 4)) + ".example";
        await run.Store.TryAddAsync(new DelegationRow("*.hosted.example") { Server = "matrix.hosted.example:443" }, TestContext.Current.CancellationToken);
        await run.Store.TryAddAsync(new DelegationRow("hosted.example") { Server = "matrix.hosted.example:443" }, TestContext.Current.CancellationToken);
        await run.Store.TryAddAsync(new DelegationRow("a.hosted.example") { Server = "a.example:443" }, TestContext.Current.CancellationToken);
        await run.Store.TryAddAsync(new DelegationRow("noport.example") { Server = "matrix.noport.example", ClientBaseUrl = "https://Matrix.NoPort.example" }, TestContext.Current.CancellationToken);
        await run.Store.TryAddAsync(new DelegationRow(longName) { Server = "x.example:443" }, TestContext.Current.CancellationToken);

        var result = await run.RunAsync("lint");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("has no port: federating servers look up SRV _matrix-fed._tcp.matrix.noport.example", result.Output, StringComparison.Ordinal);
        Assert.Contains("has upper-case letters in the host", result.Output, StringComparison.Ordinal);
        Assert.Contains("is 251 characters long (over 230)", result.Output, StringComparison.Ordinal);
        Assert.Contains("does not answer 'hosted.example' itself", result.Output, StringComparison.Ordinal);
        Assert.Contains("is shadowed for 1 subdomains that have their own rows, which answer instead of the wildcard: a.hosted.example", result.Output, StringComparison.Ordinal);
        Assert.Contains("5 rows: 0 invalid, 5 warnings.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_KeyWithLabelThatIsNotAnALabel_IsAnError()
    {
        var run = await CliRun.NewTableAsync();
        await run.Table.AddEntityAsync(new TableEntity("xn--zz.example", string.Empty) { ["Server"] = "matrix.example.com:443" }, TestContext.Current.CancellationToken);
        await run.Table.AddEntityAsync(new TableEntity("xn--bcher-kva.example", string.Empty) { ["Server"] = "matrix.example.com:443" }, TestContext.Current.CancellationToken);

        var result = await run.RunAsync("lint", "--json");

        Assert.Equal(1, result.ExitCode);
        using var report = JsonDocument.Parse(result.Output);
        var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("xn--zz.example", finding.GetProperty("domain").GetString());
        Assert.Equal("PartitionKey", finding.GetProperty("field").GetString());
        Assert.Equal("the label 'xn--zz' starts with 'xn--' but is not a valid A-label (it does not decode to Unicode and back); write the name in Unicode, or copy its A-label exactly", finding.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Lint_EmptyTable_ExitsZero()
    {
        var run = await CliRun.NewTableAsync();

        var result = await run.RunAsync("lint");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("0 rows: 0 invalid, 0 warnings.", result.Output, StringComparison.Ordinal);
    }
}
