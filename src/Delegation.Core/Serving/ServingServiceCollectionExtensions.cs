using Delegation.Table;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        services.AddSingleton<IValidateOptions<ServingOptions>, ServingOptionsValidator>();
        services.AddMetrics();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IDelegationStore>(sp =>
        {
            var serving = sp.GetRequiredService<IOptions<ServingOptions>>().Value;
            var storage = DelegationTableClientFactory.ReadOptions(sp.GetRequiredService<IConfiguration>());
            var client = DelegationTableClientFactory.Create(storage, DelegationTableClientFactory.ForServing(TimeSpan.FromSeconds(serving.StorageTimeoutSeconds)));
            return new TableDelegationStore(client);
        });
        services.AddSingleton<DelegationMetrics>();
        services.AddSingleton<DelegationResolver>();
        services.AddSingleton<FrontDoorHost>();
        services.AddSingleton<WellKnownHandler>();
        return services;
    }
}
