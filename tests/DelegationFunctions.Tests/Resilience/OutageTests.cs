using System.Diagnostics;
using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;

namespace Delegation.Tests.Resilience;

/// <summary>docs/reference.md, "Answers": an outage never turns into 404s or 500s, and the service recovers without a restart.</summary>
public sealed class OutageTests
{
    /// <summary>How long the table may take to answer again after its restart on a loaded machine; not a wait.</summary>
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(30);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Delegation:CacheSeconds"] = "1",
        ["Delegation:NegativeCacheSeconds"] = "1",
        ["Delegation:StorageTimeoutSeconds"] = "5",
    };

    [Fact]
    public async Task Requests_StorageStoppedThenRestarted_CachedServedUnseen503ThenRecovered()
    {
        await using var azurite = await Azurite.StartAsync();
        var table = await azurite.CreateTableAsync();
        await Seed.RowsAsync(table, "known.example.com");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ServingHost.StartAsync(azurite.ConnectionString, table.Name, Settings, time: time);
        using (var warm = await host.GetServerAsync("known.example.com", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        await azurite.StopAsync();
        var known = new List<HttpStatusCode>();
        var unseen = new List<(HttpStatusCode Status, bool HasRetryAfter)>();
        for (var i = 0; i < 40; i++)
        {
            // Past the fresh lifetime and the stale retry window each round, so every round tries the dead table again.
            time.Advance(TimeSpan.FromSeconds(2));
            using var cached = await host.GetServerAsync("known.example.com", TestContext.Current.CancellationToken);
            known.Add(cached.StatusCode);
            using var never = await host.GetServerAsync($"unseen-{i}.example.org", TestContext.Current.CancellationToken);
            unseen.Add((never.StatusCode, never.Headers.RetryAfter is not null));
        }

        await azurite.RestartAsync();
        var revived = new TableServiceClient(azurite.ConnectionString).GetTableClient(table.Name);
        await revived.CreateIfNotExistsAsync(TestContext.Current.CancellationToken);
        await Seed.RowsAsync(revived, "known.example.com", "unseen-0.example.org", "after.example.com");
        time.Advance(TimeSpan.FromSeconds(2));
        var recovered = await GetUntilOkAsync(host, "unseen-0.example.org");
        using var after = await host.GetServerAsync("after.example.com", TestContext.Current.CancellationToken);

        Assert.All(known, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.All(unseen, answer => Assert.Equal((HttpStatusCode.ServiceUnavailable, true), answer));
        Assert.Equal(HttpStatusCode.OK, recovered);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    /// <summary>
    /// Asks until the restarted table answers: what is awaited is a real process and the serving client's connections
    /// to it, not time on the resolver's clock, so this polls with a deadline rather than advancing the fake clock.
    /// </summary>
    private static async Task<HttpStatusCode> GetUntilOkAsync(ServingHost host, string domain)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var response = await host.GetServerAsync(domain, TestContext.Current.CancellationToken);
            if (response.StatusCode == HttpStatusCode.OK || deadline.Elapsed > RecoveryDeadline)
            {
                return response.StatusCode;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            await Task.Delay(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
        }
    }
}
