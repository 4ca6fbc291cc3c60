using Delegation.Table;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Delegation.Checks;

/// <summary>What the timer function does: after a random start delay, check every delegation and record the results.</summary>
internal sealed partial class ScheduledChecks(
    IDelegationStore delegations,
    ICheckResultStore results,
    CheckRunner runner,
    IOptions<DelegationChecksOptions> options,
    TimeProvider timeProvider,
    ILogger<ScheduledChecks> logger)
{
    public async Task<CheckRunSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var delay = TimeSpan.FromSeconds(options.Value.MaxStartDelaySeconds * Random.Shared.NextDouble());
        Log.Starting(logger, delay.TotalSeconds);
        await Task.Delay(delay, timeProvider, cancellationToken);

        var domains = await CheckRunner.ListDomainsAsync(delegations, cancellationToken: cancellationToken);
        var summary = await runner.RunAsync(domains, options.Value.ToRunOptions(), results, cancellationToken: cancellationToken);
        var (ok, warnings, failures) = (summary.Count(CheckStatus.Ok), summary.Count(CheckStatus.Warning), summary.Count(CheckStatus.Fail));
        Log.Finished(logger, domains.Count, ok, warnings, failures, summary.RecordFailures.Count);
        return summary;
    }
}
