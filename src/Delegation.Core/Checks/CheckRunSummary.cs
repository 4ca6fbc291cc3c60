namespace Delegation.Checks;

/// <summary>The outcome of checking many domains: one entry per domain in list order, and what could not be recorded.</summary>
internal sealed record CheckRunSummary(IReadOnlyList<DomainCheck> Checks, IReadOnlyList<string> RecordFailures)
{
    public int Count(CheckStatus status) => Checks.Count(c => c.Result.Status == status);
}
