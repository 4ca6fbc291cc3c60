using Delegation.Table;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Delegation.Checks;

/// <summary>Registers the watch: options, checker, runner, results table and the timer's handler. and storage (<see cref="DelegationStorageServiceCollectionExtensions.AddDelegationStorage"/>).</summary>
public static class ChecksServiceCollectionExtensions
{
    /// <summary>One domain never holds a run for more than an hour, the most a run is sure to get (docs/deploy.md, "The watch's time budget").</summary>
    internal const double MaxDomainTimeoutSeconds = 3600;

    public static IServiceCollection AddDelegationChecks(this IServiceCollection services)
    {
        services.AddOptions<DelegationChecksOptions>()
            .BindConfiguration(DelegationChecksOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DelegationChecksOptions>, DelegationChecksOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);

        // The one place chance enters: the timer's start delay. Random.Shared is safe to share across threads; a test
        // replaces it with a Random whose NextDouble it chooses.
        services.TryAddSingleton(Random.Shared);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<DelegationChecksOptions>>().Value.ToSettings());
        services.TryAddSingleton(sp => new DelegationChecker(sp.GetRequiredService<CheckSettings>(), sp.GetRequiredService<TimeProvider>()));
        services.AddDelegationStorage();
        services.TryAddSingleton<CheckMetrics>();
        services.TryAddSingleton<CheckRunner>();
        services.TryAddSingleton(sp => new ScheduledChecks(
            sp.GetRequiredService<IDelegationStore>(),
            sp.GetRequiredService<ICheckResultStore>(),
            sp.GetRequiredService<CheckRunner>(),
            sp.GetRequiredService<IOptions<DelegationChecksOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Random>(),
            sp.GetRequiredService<ILogger<ScheduledChecks>>()));
        return services;
    }
}
