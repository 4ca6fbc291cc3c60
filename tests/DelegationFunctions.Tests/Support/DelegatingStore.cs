using Azure;
using Delegation.Table;

namespace Delegation.Tests.Support;

/// <summary>Forwards every call to a real store; test stores override only the calls they watch or disturb.</summary>
internal abstract class DelegatingStore(IDelegationStore inner) : IDelegationStore
{
    protected IDelegationStore Inner { get; } = inner;

    public virtual Task<DelegationRow?> GetAsync(string domain, CancellationToken cancellationToken = default) => Inner.GetAsync(domain, cancellationToken);

    public virtual IAsyncEnumerable<DelegationRow> ListAsync(CancellationToken cancellationToken = default) => Inner.ListAsync(cancellationToken);

    public virtual Task<bool> TryAddAsync(DelegationRow row, CancellationToken cancellationToken = default) => Inner.TryAddAsync(row, cancellationToken);

    public virtual Task<bool> TryReplaceAsync(DelegationRow row, ETag ifMatch, CancellationToken cancellationToken = default) => Inner.TryReplaceAsync(row, ifMatch, cancellationToken);

    public virtual Task<bool> TryDeleteAsync(string domain, ETag ifMatch, CancellationToken cancellationToken = default) => Inner.TryDeleteAsync(domain, ifMatch, cancellationToken);

    public Task EnsureTableAsync(CancellationToken cancellationToken = default) => Inner.EnsureTableAsync(cancellationToken);
}
