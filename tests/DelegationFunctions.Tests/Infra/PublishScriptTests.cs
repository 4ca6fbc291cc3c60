namespace Delegation.Tests.Infra;

/// <summary>eng/publish.sh refuses to start without the tools it needs, saying which one is missing.</summary>
public sealed class PublishScriptTests
{
    [Fact]
    public async Task Publish_FuncMissing_FailsNamingFunc()
    {
        using var tools = new ToolFolder();

        var result = await PublishScript.RunAsync(["func-example"], tools.Path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("'func' (Azure Functions Core Tools 4.x) is not on PATH", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_AzMissing_FailsNamingAz()
    {
        using var tools = new ToolFolder();
        tools.AddFake("func");

        var result = await PublishScript.RunAsync(["func-example"], tools.Path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("'az' (Azure CLI) is not on PATH", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_NoAppName_FailsWithUsage()
    {
        var result = await PublishScript.RunAsync([]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("give the function app name", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_UnknownOption_FailsWithUsage()
    {
        var result = await PublishScript.RunAsync(["--fast"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown option '--fast'", result.Error, StringComparison.Ordinal);
    }
}
