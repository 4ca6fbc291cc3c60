
namespace Delegation.Tests.FunctionsHost;

/// <summary>How an operator turns ASP.NET Core's request logs back on, and what a wrong value does.</summary>
public sealed class RequestLogLevelTests
{
    [Fact]
    public async Task RequestLogLevelInformation_SendsRequestLogsToTheHostAgain()
    {
        var azurite = await Azurite.Shared;
        await using var host = await FunctionsHostHarness.FunctionsHost.StartAsync(FunctionAppOutput.BuildFolder, new Dictionary<string, string>
        {
            ["DelegationStorage"] = azurite.ConnectionString,
            ["Delegation__RequestLogLevel"] = "Information",
        });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await client.GetAsync(new Uri("/.well-known/matrix/server", UriKind.Relative), TestContext.Current.CancellationToken);
        await host.StopAsync();

        Assert.Contains(host.Logs, l => l.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && l.Message.StartsWith("Request starting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequestLogLevelInvalid_WorkerRefusesToStartNamingSettingAndValue()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => FunctionsHostHarness.FunctionsHost.StartAsync(FunctionAppOutput.BuildFolder, new Dictionary<string, string>
        {
            ["DelegationStorage"] = Azurite.UnreachableConnectionString,
            ["Delegation__RequestLogLevel"] = "Loud",
        }));

        Assert.Contains("Delegation:RequestLogLevel", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Loud", exception.Message, StringComparison.Ordinal);
    }
}
