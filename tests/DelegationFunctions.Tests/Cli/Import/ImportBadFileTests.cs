using System.Text;

namespace Delegation.Tests.Cli.Import;

public sealed class ImportBadFileTests
{
    private const string Good = "{\"PartitionKey\":\"good.example\",\"Server\":\"good.example:443\"}";

    [Theory]
    [InlineData(".csv", "PartitionKey,Server\ngood.example,good.example:443\nbad.example,\"unterminated\n", "line 3: the quoted field opened here (record of line 3) is never closed: unterminated quote")]
    [InlineData(".csv", "PartitionKey,Server\ngood.example,good.example:443\nbad.example,matrix\"x\n", "line 3: a '\"' inside an unquoted field")]
    [InlineData(".csv", "PartitionKey,Serverr\ngood.example,good.example:443\n", "line 1: header column 'Serverr' is not a column of the table")]
    [InlineData(".csv", "Server\ngood.example:443\n", "the header has no PartitionKey (or Domain) column")]
    [InlineData(".csv", "PartitionKey,Server\ngood.example,good.example:443\nbad.example,bad.example:443,extra\n", "has 3 fields but the header has 2")]
    [InlineData(".json", "[" + Good + ",\n{\"PartitionKey\":\"bad.example\",}]", "line 2: not valid JSON")]
    [InlineData(".json", "[" + Good + ",\n", "not valid JSON")]
    [InlineData(".json", "[\"good.example\"]", "must be a JSON object with the table's column names")]
    [InlineData(".jsonl", Good + "\n{\"PartitionKey\":\"bad.example\"\n", "is not valid JSON")]
    [InlineData(".jsonl", Good + "\n{\"PartitionKey\":\"GOOD.example.\",\"Server\":\"x.example\"}\n", "appears more than once in the file (lines 1, 2)")]
    [InlineData(".jsonl", Good + "\n{\"PartitionKey\":\"bad.example\",\"Sever\":\"x.example\"}\n", "Sever")]
    [InlineData(".jsonl", Good + "\n{\"PartitionKey\":\"bad.example\",\"Server\":8448}\n", "must be a JSON string")]
    [InlineData(".jsonl", Good + "\n{\"Server\":\"x.example\"}\n", "is missing: every row needs its domain")]
    [InlineData(".jsonl", Good + "\n{\"PartitionKey\":\"1.2.3.4\",\"Server\":\"x.example\"}\n", "not an IP address")]
    [InlineData(".jsonl", "\n\n  \n", "holds no rows")]
    public async Task Import_BadFile_ReportsClearlyAndWritesNothing(string extension, string content, string expected)
    {
        var run = await CliRun.NewTableAsync();
        using var file = TempFile.Create(extension, content);

        var result = await run.RunAsync("import", file.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Empty(await run.RowsAsync());
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x5B, 0x00 }, "UTF-16")]
    [InlineData(new byte[] { 0x5B, 0xC3, 0x28, 0x5D }, "is not UTF-8 text (invalid byte at offset 1)")]
    public async Task Import_NotUtf8_IsRefusedWithReason(byte[] content, string expected)
    {
        var run = await CliRun.NewTableAsync();
        using var file = TempFile.Create(".json", content);

        var result = await run.RunAsync("import", file.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".csv", "PartitionKey,Server\r\n\r\ngood.example,good.example:443\r\n\r\n")]
    [InlineData(".json", "[\n" + Good + "\n]")]
    [InlineData(".jsonl", "\n" + Good + "\n\n")]
    public async Task Import_Utf8BomAndBlankLines_AreAccepted(string extension, string content)
    {
        var run = await CliRun.NewTableAsync();
        using var file = TempFile.Create(extension, content, bom: true);

        var result = await run.RunAsync("import", file.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("good.example:443", (await run.RowsAsync()).Single().Server);
    }

    [Fact]
    public async Task Import_FiftyMegabyteFile_IsRefusedWithSizeAndLimit()
    {
        var run = await CliRun.NewTableAsync();
        using var file = TempFile.Empty(".jsonl");
        await using (var stream = File.Create(file.Path))
        {
            var line = Encoding.UTF8.GetBytes(Good + "\n");
            while (stream.Length < 50L * 1024 * 1024)
            {
                await stream.WriteAsync(line, TestContext.Current.CancellationToken);
            }
        }

        var result = await run.RunAsync("import", file.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is 50.0 MiB; the limit is 32 MiB", result.Error, StringComparison.Ordinal);
        Assert.Empty(await run.RowsAsync());
    }

    [Fact]
    public async Task Import_MissingFile_SaysSo()
    {
        var run = await CliRun.NewTableAsync();

        var result = await run.RunAsync("import", "/nonexistent/rows.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'/nonexistent/rows.json' does not exist. Nothing was written.", result.Error, StringComparison.Ordinal);
    }
}
