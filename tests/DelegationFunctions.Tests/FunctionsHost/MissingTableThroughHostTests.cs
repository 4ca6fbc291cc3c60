using System.Net;

namespace Delegation.Tests.FunctionsHost;

/// <summary>The function app, under the host's hop, with a table name that does not exist: an outage, never "no delegation".</summary>
public sealed class MissingTableThroughHostTests
{
    [Fact]
    public async Task FrontDoorRequest_TableDoesNotExist_Answers503AndLogsTheStorageFailure()
    {
        var azurite = await Azurite.Shared;
        await using var host = await FunctionsHostHarness.FunctionsHost.StartAsync(FunctionAppOutput.BuildFolder, new Dictionary<string, string>
        {
            ["DelegationStorage"] = azurite.ConnectionString,
            ["DelegationTable"] = "missing" + Guid.NewGuid().ToString("N")[..12],
            ["FrontDoorId"] = FunctionAppUnderHost.OurFrontDoorId,
        });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        using var request = FunctionAppUnderHost.FromFrontDoor(HttpMethod.Get, "/.well-known/matrix/server", "example.com", delegationHost: "example.com");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        await host.StopAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains(host.Logs, l => l.Level == "Error" && l.Message.StartsWith("Reading the delegation row for example.com failed: the table does not exist (404 TableNotFound)", StringComparison.Ordinal));
    }
}
