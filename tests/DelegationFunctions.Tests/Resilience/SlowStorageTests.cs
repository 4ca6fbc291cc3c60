using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Delegation.Tests.Resilience;

/// <summary>A table read that hangs is cut at Delegation:StorageTimeoutSeconds; the request never waits for ever.</summary>
public sealed class SlowStorageTests
{
    private static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long a step may take on a loaded machine before the test fails instead of hanging; not a wait.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Delegation:CacheSeconds"] = "60",
        ["Delegation:StorageTimeoutSeconds"] = "5",
    };

    [Fact]
    public async Task Requests_StorageHangs_CachedGetsStaleAnswerUnseenGets503()
    {
        var azurite = await Azurite.Shared;
        var table = await azurite.CreateTableAsync();
        await Seed.RowsAsync(table, "known.example.com");
        await using var proxy = new StallingProxy(azurite.Port);
        var throughProxy = azurite.ConnectionString.Replace($":{azurite.Port}/", $":{proxy.Port}/", StringComparison.Ordinal);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ServingHost.StartAsync(throughProxy, table.Name, Settings, time: time);
        using (var warm = await host.GetServerAsync("known.example.com", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        proxy.Stalled = true;
        time.Advance(TimeSpan.FromSeconds(61));
        using var cached = await GetWhileStalledAsync(host, proxy, time, "known.example.com");
        using var unseen = await GetWhileStalledAsync(host, proxy, time, "unseen.example.org");
        var cachedBody = await cached.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        Assert.Contains(Seed.Server, cachedBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unseen.StatusCode);
        Assert.NotNull(unseen.Headers.RetryAfter);
    }

    /// <summary>
    /// Sends a request, waits until its table read hangs at the proxy, then lets the storage timeout pass on the
    /// resolver's clock. The SDK's own network timeout runs on real time and may cut the read first on a slow machine;
    /// the answer is the same either way.
    /// </summary>
    private static async Task<HttpResponseMessage> GetWhileStalledAsync(ServingHost host, StallingProxy proxy, FakeTimeProvider time, string domain)
    {
        var stalled = proxy.NextSwallowed;
        var response = host.GetServerAsync(domain, TestContext.Current.CancellationToken);

        var first = await Task.WhenAny(stalled, response).WaitAsync(Deadline, TestContext.Current.CancellationToken);
        Assert.True(first == stalled, $"{domain} was answered without reading the table");
        time.Advance(StorageTimeout);
        return await response.WaitAsync(Deadline, TestContext.Current.CancellationToken);
    }
}
