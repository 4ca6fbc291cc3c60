namespace Delegation.Cli.Import;

/// <summary>A row changed by someone else between the import's read and write; not written.</summary>
internal sealed record ImportConflictJson(int Line, string Domain, string Change);
