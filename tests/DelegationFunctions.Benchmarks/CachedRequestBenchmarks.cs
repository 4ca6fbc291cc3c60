using BenchmarkDotNet.Attributes;
using Delegation.Documents;
using Delegation.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Delegation.Benchmarks;

/// <summary>
/// The request path without the network, for a cached domain: the handler against a constant write of the same
/// document to the same kind of <see cref="DefaultHttpContext"/> (whose own allocations are the reference).
/// </summary>
[MemoryDiagnoser]
public class CachedRequestBenchmarks
{
    private ServiceProvider _services = null!;
    private WellKnownHandler _handler = null!;
    private DelegationResolver _resolver = null!;
    private string[] _domains = [];
    private int _next;

    [Params(100, 100_000)]
    public int Domains { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _domains = MemoryDelegationStore.DemoDomains(Domains);
        _services = ServingServices.Create(MemoryDelegationStore.WithDemoRows(Domains));
        _handler = _services.GetRequiredService<WellKnownHandler>();
        _resolver = _services.GetRequiredService<DelegationResolver>();
        foreach (var domain in _domains)
        {
            await _resolver.ResolveAsync(domain);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public Task ConstantBytes() => BareKestrelApp.WriteAsync(NewContext(NextDomain()));

    [Benchmark]
    public Task Handler() => _handler.HandleAsync(NewContext(NextDomain()), WellKnownDocument.Server);

    /// <summary>The cache lookup alone, rotating over every cached domain so the large cache is not all in L1.</summary>
    [Benchmark]
    public bool Lookup() => _resolver.TryGetFresh(NextDomain(), out _);

    /// <summary>The cache lookup of one hot domain: the cost of the lookup itself, whatever the cache size.</summary>
    [Benchmark]
    public bool LookupSameDomain() => _resolver.TryGetFresh(_domains[0], out _);

    private static DefaultHttpContext NewContext(string host)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/" + WellKnownRoutes.Server;
        context.Request.Headers.Host = host;
        return context;
    }

    private string NextDomain()
    {
        var next = _next + 1 == _domains.Length ? 0 : _next + 1;
        _next = next;
        return _domains[next];
    }
}
