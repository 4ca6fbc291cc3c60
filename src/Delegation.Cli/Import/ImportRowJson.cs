namespace Delegation.Cli.Import;

/// <summary>One valid row of the file and what importing it does: added, changed (which columns, and which of them it clears) or unchanged.</summary>
internal sealed record ImportRowJson(int Line, string Domain, string Action, IReadOnlyList<string> Columns, IReadOnlyList<string> Cleared);
