using Delegation.Table;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Delegation.Checks;

/// <summary>
/// Registers the check engine and the watch: the validated <see cref="CheckSettings"/>, checker, runner, results table
/// and the timer's handler, and storage (<see cref="DelegationStorageServiceCollectionExtensions.AddDelegationStorage"/>).
/// </summary>
public static class ChecksServiceCollectionExtensions
{
    public static IServiceCollection AddDelegationChecks(this IServiceCollection services)
    {
        services.AddOptions<CheckSettings>()
            .BindConfiguration(CheckSettings.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CheckSettings>, CheckSettingsValidator>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);

        // The one place chance enters: the timer's start delay. Random.Shared is safe to share across threads; a test
        // replaces it with a Random whose NextDouble it chooses.
        services.TryAddSingleton(Random.Shared);
        services.TryAddSingleton(sp => new DelegationChecker(sp.GetRequiredService<IOptions<CheckSettings>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddDelegationStorage();
        services.TryAddSingleton<CheckMetrics>();
        services.TryAddSingleton<CheckRunner>();
        services.TryAddSingleton(sp => new ScheduledChecks(
            sp.GetRequiredService<IDelegationStore>(),
            sp.GetRequiredService<ICheckResultStore>(),
            sp.GetRequiredService<CheckRunner>(),
            sp.GetRequiredService<IOptions<CheckSettings>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Random>(),
            sp.GetRequiredService<ILogger<ScheduledChecks>>()));
        return services;
    }
}
