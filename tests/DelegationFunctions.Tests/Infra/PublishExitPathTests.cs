using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Delegation.Tests.Infra;

/// <summary>
/// However eng/publish.sh ends (func fails, SIGTERM, Ctrl-C, az fails on either write), the Flex app is left with
/// exactly the rules it had, or the script fails printing one command that removes the rule.
/// </summary>
public sealed class PublishExitPathTests : IDisposable
{
    private const string Group = "rg-x";
    private const string App = "func-x";
    private static readonly string[] Arguments = [App, "-g", Group, "--client-ip", "198.51.100.7"];

    private readonly FakePublishTools _tools = new(FakeFlexSite.BehindFrontDoor(Group, App));
    private readonly IReadOnlyList<JsonObject> _frontDoorRules;

    public PublishExitPathTests() => _frontDoorRules = _tools.Az.Site.Rules;

    [Fact]
    public async Task Publish_FuncFails_RemovesTheRuleAndFailsWithFuncsExitCode()
    {
        var result = await RunAsync(("FAKE_FUNC_EXIT", "4"));

        Assert.Equal(4, result.ExitCode);
        Assert.True(_tools.Az.Calls[^1].IsPatch);
        AccessRuleAssert.OnlyAccessRulesWritten(_tools.Az.Calls);
        AccessRuleAssert.SameRules(_frontDoorRules, _tools.Az.Site.Rules);
    }

    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public async Task Publish_SignalledWhileFuncRuns_RemovesTheRule(string signal, int expectedExitCode)
    {
        await using var script = PublishScript.Start(_tools.Script, Arguments, _tools.Environment(("FAKE_FUNC_WAIT", "1")));

        // The stand-in func says so once it runs, then sleeps until it is stopped.
        await script.WaitForLineAsync(line => line == $"func started {App}", PublishScript.Timeout, TestContext.Current.CancellationToken);
        var rulesWhileFuncRuns = _tools.Az.Site.Rules;
        await SignalAsync(script.Id, signal);
        var exitCode = await script.WaitForExitAsync(PublishScript.Timeout, TestContext.Current.CancellationToken);

        var calls = _tools.Calls();

        Assert.Equal(expectedExitCode, exitCode);
        Assert.InRange(calls.ToList().IndexOf("func stopped"), 0, calls.ToList().FindLastIndex(call => call.StartsWith("az rest --method patch ", StringComparison.Ordinal)) - 1);
        Assert.Contains(rulesWhileFuncRuns, rule => (string?)rule["name"] == AccessRuleAssert.RuleName);
        AccessRuleAssert.OnlyAccessRulesWritten(_tools.Az.Calls);
        AccessRuleAssert.SameRules(_frontDoorRules, _tools.Az.Site.Rules);
    }

    [Fact]
    public async Task Publish_AddingTheRuleFails_NeverRunsFuncAndLeavesTheRulesAsTheyWere()
    {
        _tools.Az.Refuses = call => call.IsPatch;

        var result = await RunAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"could not add the temporary access rule to {App}", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_tools.Calls(), call => call.StartsWith("func ", StringComparison.Ordinal));
        Assert.Single(_tools.Az.Calls, call => call.IsPatch);
        AccessRuleAssert.SameRules(_frontDoorRules, _tools.Az.Site.Rules);
    }

    [Fact]
    public async Task Publish_AddingTheRuleReportsFailureAfterArmWroteIt_RemovesIt()
    {
        var patches = 0;
        _tools.Az.FailsAfterApplying = call => call.IsPatch && ++patches == 1;

        var result = await RunAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain(_tools.Calls(), call => call.StartsWith("func ", StringComparison.Ordinal));
        AccessRuleAssert.OnlyAccessRulesWritten(_tools.Az.Calls);
        AccessRuleAssert.SameRules(_frontDoorRules, _tools.Az.Site.Rules);
    }

    [Fact]
    public async Task Publish_RemovingTheRuleFails_FailsPrintingOneCommandThatRemovesIt()
    {
        var patches = 0;
        _tools.Az.Refuses = call => call.IsPatch && ++patches == 2;

        var result = await RunAsync();
        var command = result.Error.Split('\n').SkipWhile(line => !line.EndsWith("remove it with:", StringComparison.Ordinal)).ElementAt(1).Trim();
        var rulesAfterTheRun = _tools.Az.Site.Rules;
        var removal = await RunInShellAsync(command);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(rulesAfterTheRun, rule => (string?)rule["name"] == AccessRuleAssert.RuleName);
        Assert.Contains($"the temporary access rule '{AccessRuleAssert.RuleName}' may still be on {App}", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("!(", command, StringComparison.Ordinal); // an interactive bash would expand it from history
        Assert.True(removal.ExitCode == 0, removal.AllOutput);
        AccessRuleAssert.OnlyAccessRulesWritten(_tools.Az.Calls);
        AccessRuleAssert.SameRules(_frontDoorRules, _tools.Az.Site.Rules);
    }

    [Fact]
    public async Task Publish_AppNotInTheSubscription_FailsBeforeFuncNamingTheApp()
    {
        using var elsewhere = new FakePublishTools(FakeFlexSite.BehindFrontDoor(Group, "func-other"));

        var result = await PublishScript.RunAsync(elsewhere.Script, Arguments, elsewhere.Environment());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"could not read the access rules of {App} in {Group}", result.Error, StringComparison.Ordinal);
        Assert.Contains("(ResourceNotFound)", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(elsewhere.Calls(), call => call.StartsWith("func ", StringComparison.Ordinal));
        Assert.DoesNotContain(elsewhere.Az.Calls, call => call.IsPatch);
    }

    public void Dispose() => _tools.Dispose();

    private static async Task SignalAsync(int processId, string signal)
    {
        var kill = new ProcessStartInfo("/bin/kill") { ArgumentList = { $"-{signal}", processId.ToString(CultureInfo.InvariantCulture) } };
        var result = await ChildProcess.RunAsync(kill, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, result.AllOutput);
    }

    private Task<ToolResult> RunAsync(params (string Name, string Value)[] environment) =>
        PublishScript.RunAsync(_tools.Script, Arguments, _tools.Environment(environment));

    private Task<ToolResult> RunInShellAsync(string command)
    {
        var start = new ProcessStartInfo("/bin/bash") { ArgumentList = { "-c", command } };
        foreach (var (name, value) in _tools.Environment())
        {
            start.Environment[name] = value;
        }

        return ChildProcess.RunAsync(start, PublishScript.Timeout, TestContext.Current.CancellationToken);
    }
}
