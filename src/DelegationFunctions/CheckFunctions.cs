using Delegation.Checks;
using Microsoft.Azure.Functions.Worker;

namespace DelegationFunctions;

/// <summary>The watch: on the schedule in the <c>DelegationChecksSchedule</c> setting, check every delegation and record the results.</summary>
public sealed class CheckFunctions(ScheduledChecks checks)
{
    [Function(nameof(CheckDelegations))]
    public Task CheckDelegations([TimerTrigger("%" + CheckSettings.ScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        checks.RunAsync(cancellationToken);
}
