using Delegation.Documents;

namespace Delegation.Serving;

/// <summary>
/// What the process knows about one domain: its documents, or null when the table has no row for it; fresh until
/// <see cref="FreshUntil"/>, usable during an outage until <see cref="StaleUntil"/>.
/// </summary>
internal sealed class CacheEntry(DelegationDocuments? documents, long freshUntil, long staleUntil)
{
    public DelegationDocuments? Documents { get; } = documents;

    /// <summary>Timestamp (<see cref="TimeProvider.GetTimestamp"/>) until which no table read is needed.</summary>
    public long FreshUntil { get; } = freshUntil;

    public long StaleUntil { get; } = staleUntil;

    public bool IsNegative => Documents is null;
}
