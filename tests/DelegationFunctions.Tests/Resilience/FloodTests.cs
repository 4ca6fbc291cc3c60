using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace Delegation.Tests.Resilience;

/// <summary>A flood of made-up host names must not become a flood of table reads, nor push out known domains.</summary>
public sealed class FloodTests
{
    private const string Known = "known.example.com";
    private const int MaxConcurrentReads = 4;

    [Fact]
    public async Task Requests_DistinctRandomHostsTwice_AtMostOneReadPerNameAndParentWithinReadCap()
    {
        const int names = 20_000;
        const int parents = 100;
        var hosts = RandomHosts(names, parents, seed: 6);
        var (host, store) = await StartAsync(maxCachedDomains: 25_000);
        await using var _ = host;

        var first = await FloodAsync(host, hosts);
        var readsAfterFirst = store.Reads;
        var second = await FloodAsync(host, hosts);

        Assert.All(first.Known, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.All(second.Known, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(names * 2, first.Flood.GetValueOrDefault(HttpStatusCode.NotFound) + second.Flood.GetValueOrDefault(HttpStatusCode.NotFound));
        Assert.True(readsAfterFirst <= names + parents + 1, $"{readsAfterFirst} table reads for {names} names under {parents} parents");
        Assert.All(store.ReadsByKey, pair => Assert.Equal(1, pair.Value));
        Assert.Equal(readsAfterFirst, store.Reads);
        Assert.InRange(store.MaxInFlight, 1, MaxConcurrentReads);
        Assert.InRange(host.Resolver.CachedCount, 1, 25_000);
    }

    [Fact]
    public async Task Requests_MoreDistinctHostsThanTheBound_CacheStaysWithinBoundAndKnownKeepsAnswering()
    {
        const int bound = 1_000;
        var hosts = RandomHosts(4_000, 40, seed: 8);
        var (host, _) = await StartAsync(maxCachedDomains: bound);
        await using var __ = host;
        var counts = new List<int>();
        var known = new List<HttpStatusCode>();

        foreach (var batch in hosts.Chunk(500))
        {
            var result = await FloodAsync(host, batch);
            known.AddRange(result.Known);
            counts.Add(host.Resolver.CachedCount);
        }

        Assert.All(counts, count => Assert.InRange(count, 1, bound));
        Assert.All(known, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    private static async Task<(ServingHost Host, CountingDelegationStore Store)> StartAsync(int maxCachedDomains)
    {
        var azurite = await Azurite.Shared;
        var table = await azurite.CreateTableAsync();
        await Seed.RowsAsync(table, Known);
        CountingDelegationStore? store = null;
        var settings = new Dictionary<string, string?>
        {
            ["Delegation:CacheSeconds"] = "3600",
            ["Delegation:NegativeCacheSeconds"] = "3600",
            ["Delegation:MaxConcurrentReads"] = MaxConcurrentReads.ToString(CultureInfo.InvariantCulture),
            ["Delegation:MaxCachedDomains"] = maxCachedDomains.ToString(CultureInfo.InvariantCulture),
        };
        var host = await ServingHost.StartAsync(azurite.ConnectionString, table.Name, settings, inner => store = new CountingDelegationStore(inner));
        using var warm = await host.GetServerAsync(Known);
        Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        return (host, store!);
    }

    private static string[] RandomHosts(int count, int parents, int seed)
    {
        var random = new Random(seed);
        var hosts = new HashSet<string>(StringComparer.Ordinal);
        while (hosts.Count < count)
        {
            hosts.Add($"{random.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 12)}.p{random.Next(parents)}.flood.test");
        }

        return [.. hosts];
    }

    private static async Task<(ConcurrentBag<HttpStatusCode> Known, Dictionary<HttpStatusCode, int> Flood)> FloodAsync(ServingHost host, string[] hosts)
    {
        var known = new ConcurrentBag<HttpStatusCode>();
        var flood = new ConcurrentBag<HttpStatusCode>();
        await Parallel.ForEachAsync(Enumerable.Range(0, hosts.Length), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, cancellationToken) =>
        {
            using var response = await host.GetServerAsync(hosts[i], cancellationToken);
            flood.Add(response.StatusCode);
            if (i % 100 == 0)
            {
                using var answer = await host.GetServerAsync(Known, cancellationToken);
                known.Add(answer.StatusCode);
            }
        });
        return (known, flood.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count()));
    }
}
