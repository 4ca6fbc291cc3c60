using System.Text.Json.Nodes;

namespace Delegation.Tests.Infra;

/// <summary>
/// eng/publish.sh against stand-in tools and a Flex app behind Front Door: it publishes from under the project, opens
/// the app to this machine for Core Tools' status probe only while func runs, with writes that carry the access rules
/// alone, and keeps the Front Door rules as they were.
/// </summary>
public sealed class PublishRunTests : IDisposable
{
    private const string Group = "rg-x";
    private const string App = "func-x";

    private readonly FakePublishTools _tools = new(FakeFlexSite.BehindFrontDoor(Group, App));
    private readonly IReadOnlyList<JsonObject> _frontDoorRules;

    public PublishRunTests() => _frontDoorRules = _tools.Az.Site.Rules;

    [Fact]
    public async Task Publish_BehindFrontDoor_AllowsThisMachineWhileFuncRunsThenRemovesTheRule()
    {
        var result = await RunAsync([App, "--resource-group", Group, "--client-ip", "198.51.100.7"]);

        var calls = _tools.Calls();
        var az = _tools.Az.Calls;

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Equal(7, calls.Count);
        Assert.StartsWith("dotnet publish ", calls[0], StringComparison.Ordinal);
        Assert.EndsWith($"-o {_tools.PublishFolder}", calls[0], StringComparison.Ordinal);
        Assert.Equal(["get", "get", "patch"], az.Take(3).Select(call => call.Method));
        Assert.Equal($"func azure functionapp publish {App} --dotnet-isolated --no-build (in {_tools.PublishFolder})", calls[4]);
        Assert.Equal(["get", "patch"], az.Skip(3).Select(call => call.Method));
        Assert.Contains(AccessRuleAssert.RuleName, az[2].RuleNamesAfter);
        AccessRuleAssert.OnlyAccessRulesWritten(az);
        AccessRuleAssert.SameRules(_frontDoorRules, _tools.Az.Site.Rules);
        Assert.Contains($"removed the temporary access rule '{AccessRuleAssert.RuleName}' from {App}", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("198.51.100.7", "198.51.100.7/32")]
    [InlineData("2001:db8::7", "2001:db8::7/128")]
    public async Task Publish_BehindFrontDoor_WritesTheFrontDoorRulesUnchangedWithOurs(string address, string allowed)
    {
        var result = await RunAsync([App, "-g", Group, "--client-ip", address]);

        var written = AccessRuleAssert.WrittenRules(_tools.Az.Calls.First(call => call.IsPatch));

        Assert.True(result.ExitCode == 0, result.AllOutput);
        AccessRuleAssert.SameRules(_frontDoorRules, written.Take(_frontDoorRules.Count));
        var ours = Assert.IsType<JsonObject>(Assert.Single(written.Skip(_frontDoorRules.Count)));
        Assert.Equal(AccessRuleAssert.RuleName, (string?)ours["name"]);
        Assert.Equal(allowed, (string?)ours["ipAddress"]);
        Assert.Equal("Allow", (string?)ours["action"]);
        Assert.Equal(200, (int?)ours["priority"]);
    }

    [Fact]
    public async Task Publish_NoClientIp_AllowsTheAddressCurlFinds()
    {
        var result = await RunAsync([App, "-g", Group]);

        var written = AccessRuleAssert.WrittenRules(_tools.Az.Calls.First(call => call.IsPatch));

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Contains(_tools.Calls(), call => call.StartsWith("curl -4 ", StringComparison.Ordinal));
        Assert.Equal($"{FakePublishTools.DetectedAddress}/32", (string?)written[^1]!["ipAddress"]);
    }

    [Fact]
    public async Task Publish_AddressLookupAnswersNoAddress_FailsBeforeWritingAnything()
    {
        var result = await RunAsync([App, "-g", Group], ("FAKE_CURL_ANSWER", "<html>busy</html>"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the address lookup answered '<html>busy</html>', which is not an IPv4 address; give yours with --client-ip", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_tools.Az.Calls, call => call.IsPatch);
        Assert.DoesNotContain(_tools.Calls(), call => call.StartsWith("func ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_RuleLeftByAnEarlierRun_WritesOursOnceThenRemovesIt()
    {
        _tools.Az.Site.AddRule(new JsonObject { ["name"] = AccessRuleAssert.RuleName, ["ipAddress"] = "192.0.2.1/32", ["action"] = "Allow", ["priority"] = 200 });

        var result = await RunAsync([App, "-g", Group, "--client-ip", "198.51.100.7"]);

        var written = AccessRuleAssert.WrittenRules(_tools.Az.Calls.First(call => call.IsPatch));

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Single(written, rule => (string?)rule!["name"] == AccessRuleAssert.RuleName);
        AccessRuleAssert.SameRules(_frontDoorRules, _tools.Az.Site.Rules);
    }

    [Fact]
    public async Task Publish_DryRun_PrintsEveryCommandInOrderAndRunsNone()
    {
        var result = await RunAsync([App, "-g", Group, "--client-ip", "198.51.100.7", "--dry-run"]);

        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Empty(_tools.Calls());
        var configWeb = $"'/subscriptions/{{subscriptionId}}/resourceGroups/{Group}/providers/Microsoft.Web/sites/{App}/config/web?api-version=";
        string[] expected =
        [
            $"+ rm -rf {_tools.PublishFolder}",
            "+ dotnet publish ",
            $"+ az rest --method get --uri {configWeb}",
            $"+ az rest --method get --uri {configWeb}",
            $"+ az rest --method patch --uri {configWeb}",
            $"+ cd {_tools.PublishFolder}",
            $"+ func azure functionapp publish {App} --dotnet-isolated --no-build",
            $"+ az rest --method get --uri {configWeb}",
            $"+ az rest --method patch --uri {configWeb}",
        ];
        Assert.Equal(expected.Length, lines.Length);
        Assert.All(expected.Zip(lines), pair => Assert.StartsWith(pair.First, pair.Second, StringComparison.Ordinal));
        Assert.Contains("\"ipAddress\":\"198.51.100.7/32\"", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_DryRunWithoutClientIp_PrintsTheAddressLookup()
    {
        var result = await RunAsync([App, "-g", Group, "--dry-run"]);

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Contains("+ curl -4 -fsS --max-time 10 ", result.Output, StringComparison.Ordinal);
        Assert.Empty(_tools.Calls());
    }

    public void Dispose() => _tools.Dispose();

    private Task<ToolResult> RunAsync(string[] arguments, params (string Name, string Value)[] environment) =>
        PublishScript.RunAsync(_tools.Script, arguments, _tools.Environment(environment));
}
