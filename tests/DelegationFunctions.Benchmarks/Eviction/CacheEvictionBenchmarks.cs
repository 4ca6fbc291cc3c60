using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Delegation.Documents;
using Delegation.Serving;
using Delegation.Table;

namespace Delegation.Benchmarks.Eviction;

/// <summary>
/// Writes into a cache that is full at the default bound of 200,000 domains, all fresh answers (the worst case for a
/// scan, which finds nothing cheap to drop): the one write that finds the cache full, and the amortised cost of a
/// write over a batch of 20,000 (what the old trim removed at once). <see cref="DomainCache"/> against the old
/// <see cref="ScanTrimCache"/>; every iteration starts from a freshly filled cache.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1, unrollFactor: 1)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CacheEvictionBenchmarks
{
    private const int Bound = 200_000;
    private const int Batch = Bound / 10;

    private readonly DelegationDocuments _documents = DelegationDocuments.FromRow(new DelegationRow("example.com") { Server = "matrix.example.com:443" });
    private readonly string[] _cached = Keys("d", Bound);
    private readonly string[] _new = Keys("n", Batch);
    private ScanTrimCache _scanTrim = null!;
    private DomainCache _domainCache = null!;

    [IterationSetup(Targets = [nameof(ScanTrimFirstWriteOverBound), nameof(ScanTrimWriteInBatch)])]
    public void FillScanTrim()
    {
        _scanTrim = new ScanTrimCache(Bound, TimeProvider.System, TimeProvider.System.TimestampFrequency * 3600, TimeProvider.System.TimestampFrequency * 86400);
        foreach (var key in _cached)
        {
            _scanTrim.Set(key, _documents);
        }
    }

    [IterationSetup(Targets = [nameof(DomainCacheFirstWriteOverBound), nameof(DomainCacheWriteInBatch)])]
    public void FillDomainCache()
    {
        _domainCache = new DomainCache(new ServingOptions { MaxCachedDomains = Bound, CacheSeconds = 3600 }, TimeProvider.System);
        foreach (var key in _cached)
        {
            _domainCache.Set(key, _documents);
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("first write over the bound")]
    public int ScanTrimFirstWriteOverBound()
    {
        _scanTrim.Set(_new[0], _documents);
        return _scanTrim.Count;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch), BenchmarkCategory("per write, 20,000 writes")]
    public int ScanTrimWriteInBatch()
    {
        foreach (var key in _new)
        {
            _scanTrim.Set(key, _documents);
        }

        return _scanTrim.Count;
    }

    [Benchmark, BenchmarkCategory("first write over the bound")]
    public int DomainCacheFirstWriteOverBound()
    {
        _domainCache.Set(_new[0], _documents);
        return _domainCache.Count;
    }

    [Benchmark(OperationsPerInvoke = Batch), BenchmarkCategory("per write, 20,000 writes")]
    public int DomainCacheWriteInBatch()
    {
        foreach (var key in _new)
        {
            _domainCache.Set(key, _documents);
        }

        return _domainCache.Count;
    }

    private static string[] Keys(string prefix, int count) => [.. Enumerable.Range(0, count).Select(i => $"{prefix}{i}.example.com")];
}
