namespace Delegation.Cli.Import;

/// <summary>The result of an import (or of a dry run) for scripts.</summary>
internal sealed record ImportReportJson(
    string File,
    string Format,
    bool DryRun,
    ImportSummaryJson Summary,
    IReadOnlyList<ImportRowJson> Rows,
    IReadOnlyList<ImportProblemJson> Invalid,
    IReadOnlyList<ImportConflictJson> Conflicts);
