namespace Delegation.Checks;

/// <summary>Everything <c>delegation check</c> found for one domain.</summary>
internal sealed record CheckReport(string Domain, SectionReport Server, SectionReport Client, SectionReport Support)
{
    /// <summary>Federation works when the server section does; the client and support documents are advisory.</summary>
    public bool FederationWorks => Server.Verdict is Verdict.Ok or Verdict.Warn;

    public string? FirstProblem => Server.FirstProblem ?? Client.FirstProblem ?? Support.FirstProblem;
}
