using System.Diagnostics.Metrics;
using Delegation.Serving;

namespace Delegation.Checks;

/// <summary>Counters for domains checked, by result, and for results that could not be recorded (meter "Delegation").</summary>
internal sealed class CheckMetrics
{
    private readonly Counter<long> _checks;
    private readonly Counter<long> _recordFailures;

    public CheckMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(DelegationMetrics.MeterName);
        _checks = meter.CreateCounter<long>("delegation.checks", description: "Domains checked by the watch or check --all --record, by result (ok, warning, fail).");
        _recordFailures = meter.CreateCounter<long>("delegation.checks.record_failures", description: "Check results the results table refused or could not be reached for.");
    }

    public void Checked(CheckStatus status) => _checks.Add(1, new KeyValuePair<string, object?>("result", StatusWords.Of(status)));

    public void RecordFailed() => _recordFailures.Add(1);
}
