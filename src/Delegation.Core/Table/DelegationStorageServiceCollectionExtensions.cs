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
    /// <summary>The service key of the delegations table's <see cref="TableClientOptions"/> (primary and secondary endpoint).</summary>
    public const string DelegationsClient = "Delegations";

    /// <summary>The service key of the check results' table's <see cref="TableClientOptions"/>.</summary>
    public const string CheckResultsClient = "CheckResults";

    /// <summary>
    /// Registers the process's one <see cref="TokenCredential"/> (unless the host registered its own), the validated
    /// <see cref="DelegationStorageOptions"/> (primary and <see cref="DelegationStorageOptions.Secondary"/>), the
    /// delegation stores and the check results' store. Every registration is a TryAdd: the first caller's client options
    /// win, and a host or test may register its own store first. The client options are keyed services
    /// (<see cref="DelegationsClient"/>, <see cref="CheckResultsClient"/>), one object per purpose, which the stores'
    /// clients are built from.
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

        services.TryAddKeyedSingleton(DelegationsClient, (sp, _) => delegationsClient?.Invoke(sp) ?? new TableClientOptions());
        services.TryAddKeyedSingleton(CheckResultsClient, (sp, _) => checkResultsClient?.Invoke(sp) ?? new TableClientOptions());

        services.TryAddSingleton<IDelegationStore>(sp =>
        {
            var primary = sp.GetRequiredService<IOptions<DelegationStorageOptions>>().Value;
            return new TableDelegationStore(Client(sp, primary, primary.TableName, DelegationsClient));
        });
        services.TryAddSingleton(sp =>
        {
            var secondary = sp.GetRequiredService<IOptionsMonitor<DelegationStorageOptions>>().Get(DelegationStorageOptions.Secondary);
            return secondary.IsConfigured
                ? new SecondaryDelegationStore(new TableDelegationStore(Client(sp, secondary, secondary.TableName, DelegationsClient)))
                : SecondaryDelegationStore.None;
        });
        services.TryAddSingleton<ICheckResultStore>(sp =>
        {
            var primary = sp.GetRequiredService<IOptions<DelegationStorageOptions>>().Value;
            return new TableCheckResultStore(Client(sp, primary, primary.ChecksTableName, CheckResultsClient));
        });
        return services;
    }

    private static TableClient Client(IServiceProvider services, DelegationStorageOptions storage, string table, string purpose) =>
        DelegationTableClientFactory.Create(storage, table, services.GetRequiredKeyedService<TableClientOptions>(purpose), services.GetRequiredService<TokenCredential>);
}
