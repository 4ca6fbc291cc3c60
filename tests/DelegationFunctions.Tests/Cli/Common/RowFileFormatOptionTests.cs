namespace Delegation.Tests.Cli.Common;

/// <summary><c>--format</c> of export and import: an unknown format is one line naming it and the accepted ones.</summary>
public sealed class RowFileFormatOptionTests
{
    [Theory]
    [InlineData("export", "xml")]
    [InlineData("export", "1")]
    [InlineData("import", "yaml")]
    public async Task Command_UnknownFormat_ListsTheFormatsWithoutTheTypeName(string command, string format)
    {
        string[] args = command == "import" ? ["import", "rows.txt"] : [command];

        var result = await CliRun.InvokeAsync([.. args, "--format", format, "--connection-string", Azurite.UnreachableConnectionString]);

        Assert.Equal(2, result.ExitCode);
        var lines = result.Error.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"--format '{format}' is not a file format: give json or csv.", lines[0]);
        Assert.Equal(["Run 'delegation --help' or 'delegation <command> --help' for usage."], lines[1..]);
        Assert.DoesNotContain("RowFileFormat", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csv", "PartitionKey,Server,ClientBaseUrl,IdentityServerBaseUrl,ClientExtra,Support\n")]
    [InlineData("CSV", "PartitionKey,Server,ClientBaseUrl,IdentityServerBaseUrl,ClientExtra,Support\n")]
    [InlineData("json", "[]\n")]
    public async Task Export_KnownFormatAnyCase_WritesIt(string format, string expected)
    {
        var run = await CliRun.NewTableAsync();

        var result = await run.RunAsync("export", "--format", format);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(expected, result.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Help_Format_ShowsTheAcceptedValues()
    {
        var result = await CliRun.InvokeAsync(["export", "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--format <json|csv>", result.Output, StringComparison.Ordinal);
    }
}
