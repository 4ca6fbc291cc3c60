namespace Delegation.Tests.Infra;

/// <summary>
/// An app deployed with useFrontDoor=false admits every address: eng/publish.sh sees that in the rules it reads,
/// says so, and publishes without writing any rule or looking up its address.
/// </summary>
public sealed class PublishWithoutFrontDoorTests : IDisposable
{
    private const string Group = "rg-x";
    private const string App = "func-x";

    private readonly FakePublishTools _tools = new(FakeFlexSite.WithoutFrontDoor(Group, App));

    [Fact]
    public async Task Publish_WithoutFrontDoor_PublishesWithoutWritingAnyRule()
    {
        var result = await PublishScript.RunAsync(_tools.Script, [App, "-g", Group], _tools.Environment());

        var calls = _tools.Calls();

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Contains($"{App} admits every address (no Front Door access restriction, as with useFrontDoor=false)", result.Output, StringComparison.Ordinal);
        Assert.Equal("get", Assert.Single(_tools.Az.Calls).Method);
        Assert.Contains($"func azure functionapp publish {App} --dotnet-isolated --no-build (in {_tools.PublishFolder})", calls);
        Assert.DoesNotContain(calls, call => call.StartsWith("curl ", StringComparison.Ordinal));
        Assert.Empty(_tools.Az.Site.Rules);
    }

    [Fact]
    public async Task Publish_WithoutFrontDoorFuncFails_FailsWithFuncsExitCodeWithoutWritingAnyRule()
    {
        var result = await PublishScript.RunAsync(_tools.Script, [App, "-g", Group], _tools.Environment(("FAKE_FUNC_EXIT", "3")));

        Assert.Equal(3, result.ExitCode);
        Assert.DoesNotContain(_tools.Az.Calls, call => call.IsPatch);
    }

    public void Dispose() => _tools.Dispose();
}
