namespace Delegation.Cli.Import;

/// <summary>One CSV record and the line it starts on.</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);
