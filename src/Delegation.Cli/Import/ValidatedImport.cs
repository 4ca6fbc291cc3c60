namespace Delegation.Cli.Import;

/// <summary>The file's rows split into those that may be written and the problems of the rest.</summary>
internal sealed record ValidatedImport(IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportProblem> Problems, int InvalidRecords);
