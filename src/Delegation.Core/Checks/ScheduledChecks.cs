using Delegation.Table;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Delegation.Checks;

/// <summary>What the timer function does: after a random start delay, check every delegation and record the results.</summary>
public sealed partial class ScheduledChecks
{
    private readonly IDelegationStore _delegations;
    private readonly ICheckResultStore _results;
    private readonly CheckRunner _runner;
    private readonly CheckSettings _settings;
    private readonly TimeProvider _timeProvider;
    private readonly Random _random;
    private readonly ILogger<ScheduledChecks> _logger;

    internal ScheduledChecks(IDelegationStore delegations, ICheckResultStore results, CheckRunner runner, IOptions<CheckSettings> settings, TimeProvider timeProvider, Random random, ILogger<ScheduledChecks> logger)
    {
        _delegations = delegations;
        _results = results;
        _runner = runner;
        _settings = settings.Value;
        _timeProvider = timeProvider;
        _random = random;
        _logger = logger;
    }

    /// <summary>One scheduled run; results that cannot be recorded are logged and counted, never thrown.</summary>
    public Task RunAsync(CancellationToken cancellationToken = default) => CheckAllAsync(cancellationToken);

    internal async Task<CheckRunSummary> CheckAllAsync(CancellationToken cancellationToken = default)
    {
        var delay = TimeSpan.FromSeconds(_settings.MaxStartDelaySeconds * _random.NextDouble());
        Log.Starting(_logger, delay.TotalSeconds);
        await Task.Delay(delay, _timeProvider, cancellationToken);

        var rows = RotateForDay(await CheckRunner.ListRowsAsync(_delegations, cancellationToken: cancellationToken), _timeProvider.GetUtcNow());
        var summary = await _runner.RunAsync(rows, _results, cancellationToken: cancellationToken);
        var (ok, warnings, failures) = (summary.Count(CheckStatus.Ok), summary.Count(CheckStatus.Warning), summary.Count(CheckStatus.Fail));
        Log.Finished(_logger, rows.Count, ok, warnings, failures, summary.RecordFailures.Count);
        return summary;
    }

    /// <summary>
    /// The rows from a starting point that moves one row further each day, so a run that is cut short (a host restart,
    /// the function timeout) does not leave the same end of the alphabet unchecked day after day.
    /// </summary>
    internal static List<T> RotateForDay<T>(IReadOnlyList<T> rows, DateTimeOffset now)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var start = (int)(now.UtcDateTime.Date.Ticks / TimeSpan.TicksPerDay % rows.Count);
        return [.. rows.Skip(start), .. rows.Take(start)];
    }
}
