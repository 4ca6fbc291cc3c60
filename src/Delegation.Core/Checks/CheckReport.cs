using System.Text.Json.Serialization;

namespace Delegation.Checks;

/// <summary>Everything <c>delegation check</c> found for one domain.</summary>
internal sealed record CheckReport(string Domain, SectionReport Server, SectionReport Client, SectionReport Support)
{
    /// <summary>Federation works when the server section does; the client and support documents are advisory.</summary>
    public bool FederationWorks => Server.Verdict is Verdict.Ok or Verdict.Warn;

    public string? FirstProblem => Server.FirstProblem ?? Client.FirstProblem ?? Support.FirstProblem;

    /// <summary>What the watch grades beyond the steps; not part of <c>check --json</c>.</summary>
    [JsonIgnore]
    public CheckFacts Facts { get; init; } = new();

    /// <summary>A report for a domain that could not be checked at all: every section fails with the same step.</summary>
    public static CheckReport Failed(string domain, CheckStep step)
    {
        var failed = SectionReport.From("server", [step]);
        return new CheckReport(domain, failed, failed with { Name = "client" }, failed with { Name = "support" });
    }
}
