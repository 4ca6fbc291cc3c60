namespace Delegation.Tests.Cli.Import;

/// <summary><c>delegation import -</c>: the rows come from a pipe, in any format import reads, detected from the content or given with --format.</summary>
public sealed class ImportStandardInputTests
{
    [Theory]
    [InlineData("PartitionKey,Server\na.example,matrix.a.example:443\nb.example,matrix.b.example:443\n", null)]
    [InlineData("[\n  {\"PartitionKey\": \"a.example\", \"Server\": \"matrix.a.example:443\"},\n  {\"PartitionKey\": \"b.example\", \"Server\": \"matrix.b.example:443\"}\n]\n", null)]
    [InlineData("{\"PartitionKey\":\"a.example\",\"Server\":\"matrix.a.example:443\"}\n{\"PartitionKey\":\"b.example\",\"Server\":\"matrix.b.example:443\"}\n", "json")]
    [InlineData("\uFEFFPartitionKey,Server\r\na.example,matrix.a.example:443\r\nb.example,matrix.b.example:443\r\n", "csv")]
    public async Task Import_Dash_ReadsTheRowsFromStandardInput(string rows, string? format)
    {
        var azurite = await Azurite.Shared;
        var table = await azurite.CreateTableAsync();
        string[] args = ["import", "-", "--connection-string", azurite.ConnectionString, "--table", table.Name];
        var start = DelegationProcess.StartInfo(format is null ? args : [.. args, "--format", format]);

        var result = await ChildProcess.RunAsync(start, rows, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith("2 records in standard input: 2 added, 0 changed, 0 unchanged, 0 invalid.\n", result.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Error);
        var servers = table.Query<Azure.Data.Tables.TableEntity>(cancellationToken: TestContext.Current.CancellationToken).ToDictionary(e => e.PartitionKey, e => e.GetString("Server"));
        Assert.Equal(new Dictionary<string, string> { ["a.example"] = "matrix.a.example:443", ["b.example"] = "matrix.b.example:443" }, servers);
    }

    [Fact]
    public async Task Import_DashWithNothingPiped_OneLineAndNothingWritten()
    {
        var azurite = await Azurite.Shared;
        var table = await azurite.CreateTableAsync();
        var start = DelegationProcess.StartInfo(["import", "-", "--connection-string", azurite.ConnectionString, "--table", table.Name]);

        var result = await ChildProcess.RunAsync(start, string.Empty, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("standard input holds no rows. Nothing was written.\n", result.Error.ReplaceLineEndings("\n"));
        Assert.Empty(table.Query<Azure.Data.Tables.TableEntity>(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Help_Import_SaysDashReadsStandardInput()
    {
        var result = await CliRun.InvokeAsync(["import", "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("'-' reads standard input", result.Output, StringComparison.Ordinal);
    }
}
