namespace Delegation.Cli.Lint;

/// <summary>What <c>delegation lint --json</c> prints.</summary>
internal sealed record LintReportJson(int Rows, int InvalidRows, int Warnings, IReadOnlyList<LintFinding> Findings);
