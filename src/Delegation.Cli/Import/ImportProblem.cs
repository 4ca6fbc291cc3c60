using Delegation.Names;

namespace Delegation.Cli.Import;

/// <summary>Why one record of an import file cannot be written: where it is, which domain, and the field, value and rule.</summary>
internal sealed record ImportProblem(int Line, string? Domain, string Field, string? Value, string Rule)
{
    public static ImportProblem From(int line, string? domain, ValidationError error) => new(line, domain, error.Field, error.Value, error.Rule);

    public override string ToString() => $"line {Line}: {Domain ?? "(no domain)"}: {Field} '{Value}' is invalid: {Rule}";
}
