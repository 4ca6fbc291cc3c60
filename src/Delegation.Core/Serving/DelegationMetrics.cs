using System.Diagnostics.Metrics;
using Delegation.Documents;

namespace Delegation.Serving;

/// <summary>
/// Counters for requests by document and outcome, and for table reads by outcome and endpoint (meter "Delegation").
/// </summary>
public sealed class DelegationMetrics
{
    public const string MeterName = "Delegation";

    /// <summary>The <c>endpoint</c> tag of a read of the table's own (primary) endpoint.</summary>
    public const string Primary = "primary";

    /// <summary>The <c>endpoint</c> tag of a read of the read-access geo-redundant secondary endpoint.</summary>
    public const string Secondary = "secondary";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _tableReads;

    public DelegationMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("delegation.requests", description: "Well-known requests answered, by document and outcome.");
        _tableReads = meter.CreateCounter<long>("delegation.table.reads", description: "Point reads of the delegations table, by outcome and by the endpoint that was read.");
    }

    public void Request(WellKnownDocument document, RequestOutcome outcome) =>
        _requests.Add(1, new("document", DocumentTag(document)), new("outcome", OutcomeTag(outcome)));

    /// <param name="endpoint"><see cref="Primary"/> or <see cref="Secondary"/>.</param>
    public void TableRead(string outcome, string endpoint) => _tableReads.Add(1, new("outcome", outcome), new("endpoint", endpoint));

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
        RequestOutcome.InvalidPath => "invalid_path",
        RequestOutcome.Redirect => "redirect",
        RequestOutcome.Unavailable => "unavailable",
        RequestOutcome.MethodNotAllowed => "method_not_allowed",
        RequestOutcome.Forbidden => "forbidden",
        _ => "preflight",
    };
}
