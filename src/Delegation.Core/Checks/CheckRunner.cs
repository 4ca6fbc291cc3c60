using Delegation.Names;
using Delegation.Table;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Delegation.Checks;

/// <summary>
/// Checks many domains a few at a time, each within its deadline, grades each report and records the result
/// as soon as it is known, so a run cut short keeps what it found. Shared by the timer function and
/// <c>delegation check --all</c>.
/// </summary>
internal sealed partial class CheckRunner(DelegationChecker checker, IOptions<CheckSettings> options, CheckMetrics metrics, ILogger<CheckRunner> logger, TimeProvider timeProvider)
{
    private readonly CheckSettings _settings = options.Value;

    /// <summary>Every row to check, in table order; wildcard rows have no single name to check and are passed to <paramref name="skipped"/>.</summary>
    public static async Task<List<DelegationRow>> ListRowsAsync(IDelegationStore store, Func<string, Task>? skipped = null, CancellationToken cancellationToken = default)
    {
        var rows = new List<DelegationRow>();
        await foreach (var row in store.ListAsync(cancellationToken))
        {
            if (!DomainName.IsWildcard(row.Domain))
            {
                rows.Add(row);
            }
            else if (skipped is not null)
            {
                await skipped(row.Domain);
            }
        }

        return rows;
    }

    /// <summary>
    /// Checks each row's domain, <see cref="CheckSettings.Concurrency"/> at a time, and compares what it serves with the row;
    /// records results in <paramref name="results"/> when given. <paramref name="onChecked"/> is called once per domain,
    /// one call at a time, in the order the checks finish.
    /// </summary>
    public async Task<CheckRunSummary> RunAsync(
        IReadOnlyList<DelegationRow> rows,
        ICheckResultStore? results = null,
        Func<DomainCheck, Task>? onChecked = null,
        CancellationToken cancellationToken = default)
    {
        var checks = new DomainCheck[rows.Count];
        var recordFailures = new List<string>();
        using var callbacks = new SemaphoreSlim(1, 1);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, rows.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _settings.Concurrency, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var (report, result) = await CheckOneAsync(rows[index], token);
                metrics.Checked(result.Status);
                LogResult(result);
                var failure = results is null ? null : await RecordAsync(results, result, token);
                checks[index] = new DomainCheck(index, report, result, results is not null && failure is null);
                await callbacks.WaitAsync(token);
                try
                {
                    if (failure is not null)
                    {
                        recordFailures.Add(failure);
                    }

                    if (onChecked is not null)
                    {
                        await onChecked(checks[index]);
                    }
                }
                finally
                {
                    callbacks.Release();
                }
            });
        return new CheckRunSummary(checks, recordFailures);
    }

    /// <summary>
    /// One domain's report and result; the checker ends it at the domain's deadline, and every other failure but the
    /// caller's cancellation becomes a failing result.
    /// </summary>
    private async Task<(CheckReport Report, CheckResult Result)> CheckOneAsync(DelegationRow row, CancellationToken cancellationToken)
    {
        var domain = row.Domain;
        CheckReport report;
        try
        {
            report = await checker.CheckAsync(row, cancellationToken);
            return (report, CheckGrader.Grade(report, timeProvider.GetUtcNow(), _settings));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.DomainCheckBroke(logger, domain, ex);
            report = CheckReport.Failed(domain, CheckStep.Fail("check", $"the check stopped on an unexpected error: {ex.GetType().Name}: {CustomerText.Quote(ex.Message)}"));
        }

        return (report, CheckGrader.Grade(report, timeProvider.GetUtcNow(), _settings));
    }

    private async Task<string?> RecordAsync(ICheckResultStore results, CheckResult result, CancellationToken cancellationToken)
    {
        try
        {
            await results.RecordAsync(result, cancellationToken);
            return null;
        }
        catch (Exception ex) when (StorageFailure.From(ex, cancellationToken) is { } failure)
        {
            metrics.RecordFailed();
            Log.RecordFailed(logger, result.Domain, ex);
            return $"{result.Domain}: {failure.Description}";
        }
    }

    private void LogResult(CheckResult result)
    {
        switch (result.Status)
        {
            case CheckStatus.Fail when result.Step == CheckDeadline.Step:
                Log.DomainTimedOut(logger, result.Domain, _settings.DomainDeadline.TotalSeconds, result.Message);
                break;
            case CheckStatus.Fail:
                Log.DomainFails(logger, result.Domain, result.Step, result.Message);
                break;
            case CheckStatus.Warning:
                Log.DomainWarns(logger, result.Domain, result.Step, result.Message);
                break;
        }
    }
}
