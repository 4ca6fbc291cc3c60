namespace Delegation.Names;

/// <summary>Why a value given for a field was refused: names the field, the value and the rule.</summary>
public sealed record ValidationError(string Field, string? Value, string Rule)
{
    public override string ToString() => $"{Field} '{Value}' is invalid: {Rule}";
}
