using System.Net;

namespace Delegation.Tests.Resilience;

/// <summary>A table read that hangs is cut at Delegation:StorageTimeoutSeconds; the request never waits for ever.</summary>
public sealed class SlowStorageTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Delegation:CacheSeconds"] = "1",
        ["Delegation:StorageTimeoutSeconds"] = "0.5",
    };

    [Fact]
    public async Task Requests_StorageHangs_CachedGetsStaleAnswerUnseenGets503()
    {
        var azurite = await Azurite.Shared;
        var table = await azurite.CreateTableAsync();
        await Seed.RowsAsync(table, "known.example.com");
        await using var proxy = new StallingProxy(azurite.Port);
        var throughProxy = azurite.ConnectionString.Replace($":{azurite.Port}/", $":{proxy.Port}/", StringComparison.Ordinal);
        await using var host = await ServingHost.StartAsync(throughProxy, table.Name, Settings);
        using (var warm = await host.GetServerAsync("known.example.com", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        proxy.Stalled = true;
        await Task.Delay(TimeSpan.FromSeconds(1.2), TestContext.Current.CancellationToken);
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var cached = await host.GetServerAsync("known.example.com", bounded.Token);
        using var unseen = await host.GetServerAsync("unseen.example.org", bounded.Token);
        var cachedBody = await cached.Content.ReadAsStringAsync(bounded.Token);

        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        Assert.Contains(Seed.Server, cachedBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unseen.StatusCode);
        Assert.NotNull(unseen.Headers.RetryAfter);
    }
}
