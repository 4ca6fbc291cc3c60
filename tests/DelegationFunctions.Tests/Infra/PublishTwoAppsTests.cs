using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Delegation.Tests.Infra;

/// <summary>
/// eng/publish.sh with both apps of a two-region deployment (the functionAppNames output): one build, each app published
/// in turn with its own temporary rule, removed before the next app opens and, however the run ends, from every app it
/// touched.
/// </summary>
public sealed class PublishTwoAppsTests : IDisposable
{
    private const string Group = "rg-x";
    private const string First = "func-x";
    private const string Second = "func-x-2";
    private static readonly string[] Arguments = [First, Second, "-g", Group, "--client-ip", "198.51.100.7"];

    private readonly FakePublishTools _tools = new(FakeFlexSite.BehindFrontDoor(Group, First), FakeFlexSite.BehindFrontDoor(Group, Second));
    private readonly IReadOnlyList<IReadOnlyList<JsonObject>> _frontDoorRules;

    public PublishTwoAppsTests() => _frontDoorRules = [.. _tools.Az.Sites.Select(site => site.Rules)];

    [Fact]
    public async Task Publish_TwoApps_BuildsOncePublishesBothAndClosesEachBeforeTheNext()
    {
        var result = await RunAsync();

        var calls = _tools.Calls().ToList();

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Single(calls, call => call.StartsWith("dotnet publish ", StringComparison.Ordinal));
        var firstFunc = calls.IndexOf($"func azure functionapp publish {First} --dotnet-isolated --no-build (in {_tools.PublishFolder})");
        var secondFunc = calls.IndexOf($"func azure functionapp publish {Second} --dotnet-isolated --no-build (in {_tools.PublishFolder})");
        Assert.InRange(firstFunc, 1, secondFunc - 1);
        // The first app's rule is removed (its last PATCH) before the second app's rule is added (its first PATCH).
        Assert.True(LastPatch(calls, First) < FirstPatch(calls, Second), string.Join('\n', calls));
        Assert.InRange(FirstPatch(calls, Second), firstFunc + 1, secondFunc - 1);
        Assert.InRange(LastPatch(calls, Second), secondFunc + 1, calls.Count - 1);
        AccessRuleAssert.OnlyAccessRulesWritten(_tools.Az.Calls);
        AssertRulesAsBefore();
        Assert.Contains($"removed the temporary access rule '{AccessRuleAssert.RuleName}' from {First}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"removed the temporary access rule '{AccessRuleAssert.RuleName}' from {Second}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_SecondPublishFails_RemovesBothRulesAndFailsWithFuncsExitCode()
    {
        var result = await RunAsync(("FAKE_FUNC_FAIL_APP", Second));

        Assert.Equal(5, result.ExitCode);
        Assert.Equal(2, _tools.Calls().Count(call => call.StartsWith("func ", StringComparison.Ordinal)));
        Assert.True(_tools.Az.Calls[^1].IsPatch);
        AccessRuleAssert.OnlyAccessRulesWritten(_tools.Az.Calls);
        AssertRulesAsBefore();
    }

    [Fact]
    public async Task Publish_FirstPublishFails_NeverOpensTheSecondApp()
    {
        var result = await RunAsync(("FAKE_FUNC_FAIL_APP", First));

        Assert.Equal(5, result.ExitCode);
        Assert.DoesNotContain(_tools.Calls(), call => call.StartsWith($"func azure functionapp publish {Second} ", StringComparison.Ordinal));
        Assert.DoesNotContain(_tools.Az.Calls, call => call.Option("--uri")!.Contains($"/sites/{Second}/", StringComparison.Ordinal));
        AssertRulesAsBefore();
    }

    [Fact]
    public async Task Publish_SignalledWhileSecondFuncRuns_RemovesTheRuleFromBothApps()
    {
        await using var script = PublishScript.Start(_tools.Script, Arguments, _tools.Environment(("FAKE_FUNC_WAIT", Second)));

        await script.WaitForLineAsync(line => line == $"func started {Second}", PublishScript.Timeout, TestContext.Current.CancellationToken);
        var firstWhileSecondRuns = _tools.Az.Sites[0].Rules;
        var secondWhileItRuns = _tools.Az.Sites[1].Rules;
        await SignalAsync(script.Id, "TERM");
        var exitCode = await script.WaitForExitAsync(PublishScript.Timeout, TestContext.Current.CancellationToken);

        var calls = _tools.Calls().ToList();

        Assert.Equal(143, exitCode);
        Assert.DoesNotContain(firstWhileSecondRuns, rule => (string?)rule["name"] == AccessRuleAssert.RuleName);
        Assert.Contains(secondWhileItRuns, rule => (string?)rule["name"] == AccessRuleAssert.RuleName);
        Assert.InRange(calls.IndexOf("func stopped"), 0, LastPatch(calls, Second) - 1);
        AccessRuleAssert.OnlyAccessRulesWritten(_tools.Az.Calls);
        AssertRulesAsBefore();
    }

    [Fact]
    public async Task Publish_RemovingTheFirstRuleFails_StopsBeforeTheSecondAppPrintingTheCommandForTheFirst()
    {
        var patches = 0;
        _tools.Az.Refuses = call => call.IsPatch && ++patches == 2;

        var result = await RunAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"the temporary access rule '{AccessRuleAssert.RuleName}' may still be on {First}; remove it with:", result.Error, StringComparison.Ordinal);
        Assert.Contains($"/sites/{First}/config/web", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_tools.Calls(), call => call.StartsWith($"func azure functionapp publish {Second} ", StringComparison.Ordinal));
        AccessRuleAssert.SameRules(_frontDoorRules[1], _tools.Az.Sites[1].Rules);
    }

    public void Dispose() => _tools.Dispose();

    private static int FirstPatch(List<string> calls, string app) => calls.FindIndex(call => IsPatchOf(call, app));

    private static int LastPatch(List<string> calls, string app) => calls.FindLastIndex(call => IsPatchOf(call, app));

    private static bool IsPatchOf(string call, string app) =>
        call.StartsWith("az rest --method patch ", StringComparison.Ordinal) && call.Contains($"/sites/{app}/config/web", StringComparison.Ordinal);

    private static async Task SignalAsync(int processId, string signal)
    {
        var kill = new ProcessStartInfo("/bin/kill") { ArgumentList = { $"-{signal}", processId.ToString(CultureInfo.InvariantCulture) } };
        var result = await ChildProcess.RunAsync(kill, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, result.AllOutput);
    }

    private void AssertRulesAsBefore()
    {
        AccessRuleAssert.SameRules(_frontDoorRules[0], _tools.Az.Sites[0].Rules);
        AccessRuleAssert.SameRules(_frontDoorRules[1], _tools.Az.Sites[1].Rules);
    }

    private Task<ToolResult> RunAsync(params (string Name, string Value)[] environment) =>
        PublishScript.RunAsync(_tools.Script, Arguments, _tools.Environment(environment));
}
