using Azure.Data.Tables;

namespace Delegation.Tests.FunctionsHost;

/// <summary>The timer function fired as the host's timer would, over the protocol, with the results landing in their table.</summary>
public sealed class ScheduledChecksThroughHostTests
{
    [Fact]
    public async Task TimerInvocation_ChecksEveryRowAndRecordsTheResults()
    {
        var azurite = await Azurite.Shared;
        var delegations = await azurite.CreateTableAsync();
        await delegations.AddEntityAsync(new TableEntity("example.com", string.Empty) { ["Server"] = "matrix.example.com:443" }, TestContext.Current.CancellationToken);
        await delegations.AddEntityAsync(new TableEntity("*.example.org", string.Empty) { ["Server"] = "matrix.example.org:443" }, TestContext.Current.CancellationToken);
        var results = await azurite.CreateTableAsync("checks");
        // The results table exists before the first run, as infra/modules/checks.bicep creates it.
        await using var host = await FunctionsHostHarness.FunctionsHost.StartAsync(FunctionAppOutput.BuildFolder, new Dictionary<string, string>
        {
            ["DelegationStorage"] = azurite.ConnectionString,
            ["DelegationTable"] = delegations.Name,
            ["DelegationChecksSchedule"] = "0 30 3 * * *",
            ["DelegationChecks__Table"] = results.Name,
            ["DelegationChecks__MaxStartDelaySeconds"] = "0",
            // No network here: every domain's check ends at this limit and must still be recorded.
            ["DelegationChecks__RequestTimeoutSeconds"] = "1",
            ["DelegationChecks__DomainTimeoutSeconds"] = "2",
        });

        var succeeded = await host.InvokeTimerAsync("CheckDelegations", TimeSpan.FromSeconds(60));
        var recorded = await results.QueryAsync<TableEntity>(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(succeeded);
        var row = Assert.Single(recorded);
        Assert.Equal("example.com", row.PartitionKey);
        Assert.Equal("fail", row.GetString("Result"));
    }
}
