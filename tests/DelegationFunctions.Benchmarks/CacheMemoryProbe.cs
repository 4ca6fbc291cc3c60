using System.Diagnostics;
using System.Globalization;
using Delegation.Serving;
using Microsoft.Extensions.DependencyInjection;

namespace Delegation.Benchmarks;

/// <summary>Working set and managed heap added by caching <c>count</c> domains, each with a rendered server document.</summary>
internal static class CacheMemoryProbe
{
    public static async Task<int> RunAsync(int count)
    {
        var store = MemoryDelegationStore.WithDemoRows(count);
        var domains = MemoryDelegationStore.DemoDomains(count);
        using var services = ServingServices.Create(store, maxCachedDomains: count * 2);
        var resolver = services.GetRequiredService<DelegationResolver>();
        await resolver.ResolveAsync("warm-up.example.com");
        var (workingSetBefore, heapBefore) = Measure();

        foreach (var domain in domains)
        {
            // A fresh key string per domain, as the handler makes one on a miss.
            await resolver.ResolveAsync(new string(domain.AsSpan()));
        }

        var (workingSetAfter, heapAfter) = Measure();
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(culture, $"cached domains: {resolver.CachedCount}"));
        Console.WriteLine(string.Create(culture, $"working set added: {(workingSetAfter - workingSetBefore) / 1048576.0:F1} MB"));
        Console.WriteLine(string.Create(culture, $"managed heap added: {(heapAfter - heapBefore) / 1048576.0:F1} MB ({(heapAfter - heapBefore) / (double)count:F0} bytes per domain)"));
        GC.KeepAlive(store);
        return 0;
    }

    private static (long WorkingSet, long Heap) Measure()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false));
    }
}
