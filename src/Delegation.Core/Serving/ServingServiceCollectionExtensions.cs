using Azure.Core;
using Azure.Identity;
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
            .Configure<IConfiguration>((options, configuration) => options.FrontDoorId ??= configuration["FrontDoorId"])
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServingOptions>, ServingOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        // One credential per process: the host may register its own first (the function app shares it with telemetry).
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.TryAddSingleton<IDelegationStore>(sp => CreateStore(sp, DelegationTableClientFactory.ReadOptions(sp.GetRequiredService<IConfiguration>())));
        services.TryAddSingleton(sp => DelegationTableClientFactory.ReadSecondaryOptions(sp.GetRequiredService<IConfiguration>()) is { } secondary
            ? new SecondaryDelegationStore(CreateStore(sp, secondary))
            : SecondaryDelegationStore.None);
        services.TryAddSingleton<DelegationMetrics>();
        services.TryAddSingleton<DelegationResolver>();
        services.TryAddSingleton<FrontDoorHost>();
        services.TryAddSingleton<WellKnownHandler>();
        return services;
    }

    // Both endpoints alike: the process's one credential and the request path's client options.
    private static TableDelegationStore CreateStore(IServiceProvider services, DelegationStorageOptions storage)
    {
        var serving = services.GetRequiredService<IOptions<ServingOptions>>().Value;
        var clientOptions = DelegationTableClientFactory.ForServing(TimeSpan.FromSeconds(serving.StorageTimeoutSeconds));
        return new TableDelegationStore(DelegationTableClientFactory.Create(storage, clientOptions, services.GetRequiredService<TokenCredential>()));
    }
}
