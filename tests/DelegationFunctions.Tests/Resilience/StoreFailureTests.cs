using System.Diagnostics.Metrics;
using Delegation.Serving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Delegation.Tests.Resilience;

/// <summary>A read that fails with a cancellation the resolver did not ask for still answers every waiting request.</summary>
public sealed class StoreFailureTests
{
    [Fact]
    public async Task ResolveAsync_StoreThrowsItsOwnTimeout_AllConcurrentCallersGetUnavailable()
    {
        var store = new FailingDelegationStore();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new DelegationMetrics(services.GetRequiredService<IMeterFactory>());
        using var resolver = new DelegationResolver(store, Options.Create(new ServingOptions()), TimeProvider.System, NullLogger<DelegationResolver>.Instance, metrics);
        var callers = Enumerable.Range(0, 5).Select(_ => resolver.ResolveAsync("down.example.com").AsTask()).ToArray();

        store.Release();
        var results = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.All(results, result => Assert.Equal(ResolutionStatus.Unavailable, result.Status));
        Assert.Equal(1, store.Reads);
    }
}
