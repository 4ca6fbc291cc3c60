namespace Delegation.Cli.Import;

/// <summary>One record read from an import file, before validation: the key as written and the column values.</summary>
internal sealed record ImportRecord(int Line, string? Key, IReadOnlyDictionary<string, string?> Columns, IReadOnlyList<ImportProblem> Problems);
