using System.Net;

namespace Delegation.Tests.FunctionsHost;

/// <summary>
/// The function app under the host's hop, started cold with the primary endpoint down and the secondary configured
/// (<c>DelegationStorageSecondary</c>): every row answers from the secondary, and only the first request asks the
/// primary; with both down the outage answer; with the primary back, the primary answers.
/// </summary>
public sealed class SecondaryReadThroughHostTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FrontDoorRequests_PrimaryDownFromTheStart_SecondaryAnswersEveryRowThen503ThenPrimaryAgain()
    {
        await using var geo = await GeoReplicatedTable.StartAsync();
        var settings = geo.Settings;
        settings["FrontDoorId"] = FunctionAppUnderHost.OurFrontDoorId;
        await geo.Primary.StopAsync();
        await using var host = await FunctionsHostHarness.FunctionsHost.StartAsync(FunctionAppOutput.BuildFolder, settings);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        var cold = new Dictionary<string, (HttpStatusCode, string)>();
        foreach (var domain in GeoReplicatedTable.Expected.Keys)
        {
            using var response = await GetAsync(client, domain);
            cold[domain] = (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        await geo.Secondary.StopAsync();
        using var bothDown = await GetAsync(client, GeoReplicatedTable.Unasked);
        await geo.RestorePrimaryAsync();
        using var back = await GeoReplicatedTable.GetUntilOkAsync(() => GetAsync(client, GeoReplicatedTable.Unasked));
        var backBody = await back.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        await host.StopAsync();

        foreach (var log in host.Logs)
        {
            output.WriteLine($"{log.Level} {log.Category}: {log.Message}");
        }

        Assert.All(GeoReplicatedTable.Expected, pair => Assert.Equal((HttpStatusCode.OK, pair.Value), cold[pair.Key]));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, bothDown.StatusCode);
        Assert.NotNull(bothDown.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal($$"""{"m.server":"{{GeoReplicatedTable.MovedServer}}"}""", backBody);
        Assert.Equal(GeoReplicatedTable.Expected.Count, host.Logs.Count(l => l.Level == "Warning" && l.Message.Contains(" from the secondary endpoint (row ", StringComparison.Ordinal)));
        // The first cold request found the primary down; the others went straight to the secondary.
        Assert.Single(host.Logs, l => l.Level == "Warning" && l.Message.StartsWith("The primary endpoint failed (read of ", StringComparison.Ordinal));
        Assert.Contains(host.Logs, l => l.Level == "Information" && l.Message.StartsWith($"The primary endpoint answers again (read of {GeoReplicatedTable.Unasked})", StringComparison.Ordinal));
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string domain)
    {
        using var request = FunctionAppUnderHost.FromFrontDoor(HttpMethod.Get, "/.well-known/matrix/server", domain, domain);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
