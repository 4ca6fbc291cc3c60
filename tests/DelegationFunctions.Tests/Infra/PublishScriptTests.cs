namespace Delegation.Tests.Infra;

/// <summary>eng/publish.sh refuses to start without the tools and arguments it needs, saying which one is missing.</summary>
public sealed class PublishScriptTests
{
    [Fact]
    public async Task Publish_FuncMissing_FailsNamingFunc()
    {
        using var tools = new ToolFolder();

        var result = await PublishScript.RunAsync(["func-example", "--resource-group", "rg-example"], tools.Path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("'func' (Azure Functions Core Tools 4.x) is not on PATH", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_AzMissing_FailsNamingAz()
    {
        using var tools = new ToolFolder();
        tools.AddFake("func");

        var result = await PublishScript.RunAsync(["func-example", "--resource-group", "rg-example"], tools.Path);

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

    [Fact]
    public async Task Publish_NoResourceGroup_FailsWithUsage()
    {
        var result = await PublishScript.RunAsync(["func-example"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("give the resource group of the function app (--resource-group)", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("198.51.100.7/32")]
    public async Task Publish_ClientIpNotAnAddress_FailsWithUsage(string address)
    {
        var result = await PublishScript.RunAsync(["func-example", "-g", "rg-example", "--client-ip", address]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--client-ip '{address}' is not an IPv4 or IPv6 address", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("func_x")]
    [InlineData("func-")]
    [InlineData("func/../x")]
    public async Task Publish_AppNameNotASiteName_FailsWithUsage(string name)
    {
        var result = await PublishScript.RunAsync([name, "-g", "rg-example"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"function app name '{name}' is not a site name", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rg/x")]
    [InlineData("rg x")]
    [InlineData("rg?x")]
    public async Task Publish_ResourceGroupBreaksTheUrl_FailsWithUsage(string group)
    {
        var result = await PublishScript.RunAsync(["func-example", "-g", group]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"resource group '{group}' is not a resource group name", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--resource-group")]
    [InlineData("--client-ip")]
    [InlineData("--output-only")]
    public async Task Publish_OptionWithoutValue_FailsWithUsage(string option)
    {
        var result = await PublishScript.RunAsync(["func-example", option]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"publish.sh: {option} needs", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_AppNamedTwice_FailsWithUsage()
    {
        var result = await PublishScript.RunAsync(["func-one", "func-two", "func-one", "-g", "rg-example"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("function app 'func-one' is named twice", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_SecondAppNameNotASiteName_FailsWithUsage()
    {
        var result = await PublishScript.RunAsync(["func-one", "func_two", "-g", "rg-example"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("function app name 'func_two' is not a site name", result.Error, StringComparison.Ordinal);
    }
}
