using Azure.Core;
using Azure.Data.Tables;
using Delegation.Checks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Delegation.Table;

/// <summary>The one place storage is wired, for the function app, <c>delegation serve</c> and the tool alike.</summary>
public static class DelegationStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the process's one <see cref="TokenCredential"/> (unless the host registered its own), the validated
    /// <see cref="DelegationStorageOptions"/> (primary and <see cref="DelegationStorageOptions.Secondary"/>), the
    /// delegation stores and the check results' store. Every registration is a TryAdd: the first caller's client options
    /// win, and a host or test may register its own store first.
    /// </summary>
    /// <param name="delegationsClient">Client options of the delegations table (primary and secondary); the SDK's defaults when null.</param>
    /// <param name="checkResultsClient">Client options of the check results' table; the SDK's defaults when null.</param>
    public static IServiceCollection AddDelegationStorage(
        this IServiceCollection services,
        Func<IServiceProvider, TableClientOptions>? delegationsClient = null,
        Func<IServiceProvider, TableClientOptions>? checkResultsClient = null)
    {
        services.TryAddSingleton<TokenCredential>(_ => DelegationTableClientFactory.CreateCredential());
        services.AddOptions<DelegationStorageOptions>().ValidateOnStart();
        services.AddOptions<DelegationStorageOptions>(DelegationStorageOptions.Secondary).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<DelegationStorageOptions>, DelegationStorageOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DelegationStorageOptions>, DelegationStorageOptionsValidator>());

        services.TryAddSingleton<IDelegationStore>(sp =>
        {
            var primary = sp.GetRequiredService<IOptions<DelegationStorageOptions>>().Value;
            return new TableDelegationStore(Client(sp, primary, primary.TableName, delegationsClient));
        });
        services.TryAddSingleton(sp =>
        {
            var secondary = sp.GetRequiredService<IOptionsMonitor<DelegationStorageOptions>>().Get(DelegationStorageOptions.Secondary);
            return secondary.IsConfigured
                ? new SecondaryDelegationStore(new TableDelegationStore(Client(sp, secondary, secondary.TableName, delegationsClient)))
                : SecondaryDelegationStore.None;
        });
        services.TryAddSingleton<ICheckResultStore>(sp =>
        {
            var primary = sp.GetRequiredService<IOptions<DelegationStorageOptions>>().Value;
            return new TableCheckResultStore(Client(sp, primary, primary.ChecksTableName, checkResultsClient));
        });
        return services;
    }

    private static TableClient Client(IServiceProvider services, DelegationStorageOptions storage, string table, Func<IServiceProvider, TableClientOptions>? clientOptions) =>
        DelegationTableClientFactory.Create(storage, table, clientOptions?.Invoke(services) ?? new TableClientOptions(), services.GetRequiredService<TokenCredential>);
}
