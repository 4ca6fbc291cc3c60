namespace Delegation.Cli.Import;

/// <summary>An invalid record: line, domain, field, value and rule.</summary>
internal sealed record ImportProblemJson(int Line, string? Domain, string Field, string? Value, string Rule);
