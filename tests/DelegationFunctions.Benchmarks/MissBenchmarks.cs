using System.Diagnostics.Metrics;
using Azure.Data.Tables;
using BenchmarkDotNet.Attributes;
using Delegation.Documents;
using Delegation.Serving;
using Delegation.Table;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Delegation.Benchmarks;

/// <summary>
/// The first request for a domain (empty cache: one point read, render, cache, write) against a bare
/// <c>GetEntityIfExistsAsync</c> through the same <see cref="TableClient"/>, on the Azurite named by
/// DELEGATION_BENCH_STORAGE (eng/benchmarks.sh starts one).
/// </summary>
[MemoryDiagnoser]
public class MissBenchmarks
{
    private const string Domain = "example.com";

    private readonly IOptions<ServingOptions> _options = Options.Create(new ServingOptions());
    private ServiceProvider _services = null!;
    private DelegationMetrics _metrics = null!;
    private TableClient _client = null!;
    private TableDelegationStore _store = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable("DELEGATION_BENCH_STORAGE")
            ?? throw new InvalidOperationException("Set DELEGATION_BENCH_STORAGE to an Azurite connection string (eng/benchmarks.sh does).");
        _client = new TableServiceClient(connectionString, DelegationTableClientFactory.ForServing(TimeSpan.FromSeconds(5))).GetTableClient("benchmiss");
        await _client.CreateIfNotExistsAsync();
        _store = new TableDelegationStore(_client);
        await _store.TryAddAsync(new DelegationRow(Domain) { Server = "matrix.example.com:443" });
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _metrics = new DelegationMetrics(_services.GetRequiredService<IMeterFactory>());
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public async Task<bool> PointRead() =>
        (await _client.GetEntityIfExistsAsync<TableEntity>(Domain, string.Empty)).HasValue;

    [Benchmark]
    public async Task<int> FirstRequest()
    {
        using var resolver = new DelegationResolver(_store, _options, TimeProvider.System, NullLogger<DelegationResolver>.Instance, _metrics);
        var handler = new WellKnownHandler(resolver, _options, _metrics, new RequestedHost(_options, TimeProvider.System, NullLogger<RequestedHost>.Instance));
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.Headers.Host = Domain;
        await handler.HandleAsync(context, WellKnownDocument.Server);
        return context.Response.StatusCode;
    }
}
