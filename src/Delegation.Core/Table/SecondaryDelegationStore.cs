namespace Delegation.Table;

/// <summary>
/// The table's read-access geo-redundant secondary endpoint, read when the primary fails; <see cref="Store"/> is null
/// when no secondary is configured. Only reads go there: the secondary refuses writes.
/// </summary>
public sealed class SecondaryDelegationStore(IDelegationStore? store)
{
    public static SecondaryDelegationStore None { get; } = new(null);

    public IDelegationStore? Store { get; } = store;
}
