namespace Delegation.Cli.Lint;

/// <summary>One thing lint found in a row: an error (the row is not served as written) or a warning.</summary>
internal sealed record LintFinding(string Domain, string Severity, string Field, string? Value, string Rule)
{
    public const string Error = "error";
    public const string Warning = "warning";
}
