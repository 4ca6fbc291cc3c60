using Delegation.Table;

namespace Delegation.Tests.Checks;

/// <summary>Counts the scans of the store it wraps.</summary>
internal sealed class ListCountingStore(IDelegationStore inner) : DelegatingStore(inner)
{
    private int _lists;

    public int Lists => Volatile.Read(ref _lists);

    public override IAsyncEnumerable<DelegationRow> ListAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _lists);
        return Inner.ListAsync(cancellationToken);
    }
}
