using Delegation.Table;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Delegation.Serving;

/// <summary>Registers everything the well-known handler needs, for the function app and <c>delegation serve</c> alike.</summary>
public static class ServingServiceCollectionExtensions
{
    public static IServiceCollection AddDelegationServing(this IServiceCollection services)
    {
        services.AddOptions<ServingOptions>()
            .BindConfiguration(ServingOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) => options.FrontDoorId = configuration[ServingOptions.FrontDoorIdSetting] ?? options.FrontDoorId)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServingOptions>, ServingOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        // Draws the resolver's jittered windows; a test replaces it with a Random whose NextDouble it chooses.
        services.TryAddSingleton(Random.Shared);
        // The request path's client options: one quick retry, and the storage timeout the resolver also enforces.
        services.AddDelegationStorage(delegationsClient: sp =>
            DelegationTableClientFactory.ForServing(TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<ServingOptions>>().Value.StorageTimeoutSeconds)));
        services.TryAddSingleton<DelegationMetrics>();
        services.TryAddSingleton<DelegationResolver>();
        services.TryAddSingleton<RequestedHost>();
        services.TryAddSingleton<WellKnownHandler>();
        return services;
    }
}
