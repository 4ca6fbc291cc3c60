using System.Diagnostics.Metrics;
using Delegation.Documents;

namespace Delegation.Serving;

/// <summary>Counters for requests by document and outcome, and for table reads by outcome (meter "Delegation").</summary>
public sealed class DelegationMetrics
{
    public const string MeterName = "Delegation";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _tableReads;

    public DelegationMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("delegation.requests", description: "Well-known requests answered, by document and outcome.");
        _tableReads = meter.CreateCounter<long>("delegation.table.reads", description: "Point reads of the delegations table, by outcome.");
    }

    public void Request(WellKnownDocument document, RequestOutcome outcome) =>
        _requests.Add(1, new("document", DocumentTag(document)), new("outcome", OutcomeTag(outcome)));

    public void TableRead(string outcome) => _tableReads.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    private static string DocumentTag(WellKnownDocument document) => document switch
    {
        WellKnownDocument.Server => "server",
        WellKnownDocument.Client => "client",
        _ => "support",
    };

    private static string OutcomeTag(RequestOutcome outcome) => outcome switch
    {
        RequestOutcome.Ok => "ok",
        RequestOutcome.NotModified => "not_modified",
        RequestOutcome.NotFound => "not_found",
        RequestOutcome.InvalidHost => "invalid_host",
        RequestOutcome.Unavailable => "unavailable",
        RequestOutcome.MethodNotAllowed => "method_not_allowed",
        _ => "preflight",
    };
}
