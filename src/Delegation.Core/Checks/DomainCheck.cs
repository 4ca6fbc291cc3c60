namespace Delegation.Checks;

/// <summary>One domain checked in a run: its place in the list, the full report and the graded result.</summary>
internal sealed record DomainCheck(int Index, CheckReport Report, CheckResult Result, bool Recorded);
