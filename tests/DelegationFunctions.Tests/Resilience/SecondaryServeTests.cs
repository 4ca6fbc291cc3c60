using System.Net;

namespace Delegation.Tests.Resilience;

/// <summary>
/// <c>delegation serve</c> as a fresh process with the primary endpoint down and the secondary up: every row answers;
/// with both down the outage answer; with the primary back, the primary answers.
/// </summary>
public sealed class SecondaryServeTests
{
    private static readonly TimeSpan LogDeadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Serve_PrimaryDownFromTheStart_SecondaryAnswersEveryRowThen503ThenPrimaryAgain()
    {
        await using var geo = await GeoReplicatedTable.StartAsync();
        var settings = geo.Settings;
        await geo.Primary.StopAsync();
        await using var serve = await DelegationProcess.StartServeAsync(
            ["--connection-string", settings["DelegationStorage"], "--table", geo.Table],
            environment: new Dictionary<string, string>
            {
                ["DelegationStorageSecondary"] = settings["DelegationStorageSecondary"],
                ["Delegation__StorageTimeoutSeconds"] = settings["Delegation__StorageTimeoutSeconds"],
            });
        using var client = new HttpClient { BaseAddress = serve.BaseAddress };

        var cold = new Dictionary<string, (HttpStatusCode, string)>();
        foreach (var domain in GeoReplicatedTable.Expected.Keys)
        {
            using var response = await GetAsync(client, domain);
            cold[domain] = (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var secondaryLine = await serve.WaitForLineAsync(line => line.Contains("Answered example.com from the secondary endpoint", StringComparison.Ordinal), LogDeadline);
        await geo.Secondary.StopAsync();
        using var bothDown = await GetAsync(client, GeoReplicatedTable.Unasked);
        await geo.RestorePrimaryAsync();
        using var back = await GeoReplicatedTable.GetUntilOkAsync(() => GetAsync(client, GeoReplicatedTable.Unasked));
        var backBody = await back.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var primaryLine = await serve.WaitForLineAsync(line => line.Contains("The primary endpoint answers again", StringComparison.Ordinal), LogDeadline);

        Assert.All(GeoReplicatedTable.Expected, pair => Assert.Equal((HttpStatusCode.OK, pair.Value), cold[pair.Key]));
        Assert.NotEmpty(secondaryLine);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, bothDown.StatusCode);
        Assert.NotNull(bothDown.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal($$"""{"m.server":"{{GeoReplicatedTable.MovedServer}}"}""", backBody);
        Assert.NotEmpty(primaryLine);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string domain)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/matrix/server");
        request.Headers.Host = domain;
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
