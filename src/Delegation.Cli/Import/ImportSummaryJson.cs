namespace Delegation.Cli.Import;

/// <summary>Counts of what an import did or would do.</summary>
internal sealed record ImportSummaryJson(int Records, int Added, int Changed, int Unchanged, int Invalid, int Conflicts, bool Written);
