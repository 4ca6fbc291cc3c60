namespace Delegation.Tests.Cli;

public sealed class ExitCodeTests
{
    [Theory]
    [InlineData(0, "list")]
    [InlineData(0, "export")]
    [InlineData(1, "get", "bad_name.example")]
    [InlineData(1, "set", "ok.example", "--server", "matrix.org:99999")]
    [InlineData(1, "export", "--output", "/nonexistent/folder/rows.json")]
    [InlineData(2, "import")]
    [InlineData(2, "export", "--format", "xml")]
    [InlineData(2, "import", "x.json", "--parallel", "0")]
    [InlineData(2, "frobnicate")]
    [InlineData(4, "get", "missing.example")]
    [InlineData(4, "remove", "missing.example")]
    public async Task Command_Outcome_HasDocumentedExitCode(int expected, params string[] args)
    {
        var run = await CliRun.NewTableAsync();

        var result = await run.RunAsync(args);

        Assert.True(result.ExitCode == expected, result.ToString());
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("import")]
    [InlineData("export")]
    [InlineData("lint")]
    [InlineData("list")]
    [InlineData("get")]
    public async Task Help_EveryCommand_ShowsAnExample(string command)
    {
        var run = await CliRun.NewTableAsync();

        var result = await run.RunAsync(command, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"delegation {command}", result.Output, StringComparison.Ordinal);
        Assert.Contains("Example", result.Output, StringComparison.Ordinal);
    }
}
