namespace Delegation.Tests.Infra;

/// <summary>
/// eng/publish.sh against fake tools: it publishes from under the project, opens the app to this machine for Core
/// Tools' status probe only while func runs, and always closes it again.
/// </summary>
public sealed class PublishRunTests : IDisposable
{
    private const string AddRule = "az functionapp config access-restriction add --resource-group rg-x --name func-x --rule-name eng-publish-temporary --action Allow --ip-address";
    private const string RemoveRule = "az functionapp config access-restriction remove --resource-group rg-x --name func-x --rule-name eng-publish-temporary";

    private readonly FakePublishTools _tools = new();

    [Fact]
    public async Task Publish_Succeeds_AddsTheRuleRunsFuncInTheProjectOutputThenRemovesTheRule()
    {
        var result = await RunAsync(["func-x", "--resource-group", "rg-x", "--client-ip", "198.51.100.7"]);

        var calls = _tools.Calls();

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Equal(4, calls.Count);
        Assert.StartsWith("dotnet publish ", calls[0], StringComparison.Ordinal);
        Assert.EndsWith($"-o {_tools.PublishFolder}", calls[0], StringComparison.Ordinal);
        Assert.StartsWith($"{AddRule} 198.51.100.7/32 --priority 200", calls[1], StringComparison.Ordinal);
        Assert.Equal($"func azure functionapp publish func-x --dotnet-isolated --no-build (in {_tools.PublishFolder})", calls[2]);
        Assert.Equal(RemoveRule, calls[3]);
    }

    [Fact]
    public async Task Publish_NoClientIp_AllowsTheAddressCurlFinds()
    {
        var result = await RunAsync(["func-x", "-g", "rg-x"]);

        var calls = _tools.Calls();

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Contains(calls, c => c.StartsWith("curl -4 ", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.StartsWith($"{AddRule} {FakePublishTools.DetectedAddress}/32 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_FuncFails_RemovesTheRuleAndFailsWithFuncsExitCode()
    {
        var result = await RunAsync(["func-x", "-g", "rg-x", "--client-ip", "198.51.100.7"], ("FAKE_FUNC_EXIT", "4"));

        Assert.Equal(4, result.ExitCode);
        Assert.Equal(RemoveRule, _tools.Calls()[^1]);
    }

    [Fact]
    public async Task Publish_AddingTheRuleFails_StillTriesToRemoveItAndNeverRunsFunc()
    {
        var result = await RunAsync(["func-x", "-g", "rg-x", "--client-ip", "198.51.100.7"], ("FAKE_AZ_FAIL", "access-restriction add"));

        var calls = _tools.Calls();

        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain(calls, c => c.StartsWith("func ", StringComparison.Ordinal));
        Assert.Equal(RemoveRule, calls[^1]);
    }

    [Fact]
    public async Task Publish_RemovingTheRuleFails_FailsPrintingTheCommandToRemoveIt()
    {
        var result = await RunAsync(["func-x", "-g", "rg-x", "--client-ip", "198.51.100.7"], ("FAKE_AZ_FAIL", "access-restriction remove"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the temporary access rule 'eng-publish-temporary' is still on func-x", result.Error, StringComparison.Ordinal);
        Assert.Contains(RemoveRule, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_TerminatedWhileFuncRuns_RemovesTheRule()
    {
        await using var script = PublishScript.Start(_tools.Script, ["func-x", "-g", "rg-x", "--client-ip", "198.51.100.7"], _tools.Environment(("FAKE_FUNC_WAIT", "1")));

        // The fake func says so once it runs, then sleeps until it is killed.
        await script.WaitForLineAsync(line => line == "func started", PublishScript.Timeout, TestContext.Current.CancellationToken);
        await script.TerminateAsync(TestContext.Current.CancellationToken);
        var exitCode = await script.WaitForExitAsync(PublishScript.Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(143, exitCode);
        Assert.Equal(RemoveRule, _tools.Calls()[^1]);
    }

    [Fact]
    public async Task Publish_DryRun_PrintsEveryCommandInOrderAndRunsNone()
    {
        var result = await RunAsync(["func-x", "-g", "rg-x", "--client-ip", "198.51.100.7", "--dry-run"]);

        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Empty(_tools.Calls());
        string[] expected =
        [
            $"+ rm -rf {_tools.PublishFolder}",
            "+ dotnet publish ",
            $"+ {AddRule} 198.51.100.7/32 ",
            $"+ cd {_tools.PublishFolder}",
            "+ func azure functionapp publish func-x --dotnet-isolated --no-build",
            $"+ {RemoveRule}",
        ];
        Assert.Equal(expected.Length, lines.Length);
        Assert.All(expected.Zip(lines), pair => Assert.StartsWith(pair.First, pair.Second, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_DryRunWithoutClientIp_PrintsTheAddressLookup()
    {
        var result = await RunAsync(["func-x", "-g", "rg-x", "--dry-run"]);

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Contains("+ curl -4 -fsS --max-time 10 ", result.Output, StringComparison.Ordinal);
        Assert.Empty(_tools.Calls());
    }

    public void Dispose() => _tools.Dispose();

    private Task<ToolResult> RunAsync(string[] arguments, params (string Name, string Value)[] environment) =>
        PublishScript.RunAsync(_tools.Script, arguments, _tools.Environment(environment));
}
