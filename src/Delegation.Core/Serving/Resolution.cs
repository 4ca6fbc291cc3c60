using Delegation.Documents;

namespace Delegation.Serving;

/// <summary>The answer for a domain: its documents, no row, or storage unavailable with nothing cached.</summary>
public readonly record struct Resolution(ResolutionStatus Status, DelegationDocuments? Documents)
{
    public static Resolution Unavailable { get; } = new(ResolutionStatus.Unavailable, null);

    public static Resolution NotFound { get; } = new(ResolutionStatus.NotFound, null);
}

/// <summary>See <see cref="Resolution"/>.</summary>
public enum ResolutionStatus
{
    Found,
    NotFound,
    Unavailable,
}
