using Delegation.Serving;
using Delegation.Table;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Delegation.Benchmarks;

/// <summary>The real serving wiring (<see cref="ServingServiceCollectionExtensions.AddDelegationServing"/>) over a given store.</summary>
internal static class ServingServices
{
    public static ServiceProvider Create(IDelegationStore store, int maxCachedDomains = 200_000)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Delegation:MaxCachedDomains"] = maxCachedDomains.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Delegation:CacheSeconds"] = "86400",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddDelegationServing();
        services.AddSingleton(store);
        return services.BuildServiceProvider();
    }
}
