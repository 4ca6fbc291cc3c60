using Delegation.Table;

namespace Delegation.Tests.Cli;

/// <summary>The real store, until storage "goes away" after a number of successful writes (an interrupted import).</summary>
internal sealed class FailingStore(IDelegationStore inner, int writesBeforeFailure) : DelegatingStore(inner)
{
    private int _writes;

    public override Task<bool> TryAddAsync(DelegationRow row, CancellationToken cancellationToken = default) =>
        Interlocked.Increment(ref _writes) > writesBeforeFailure
            ? throw new Azure.RequestFailedException(0, "Connection refused (127.0.0.1:1)")
            : Inner.TryAddAsync(row, cancellationToken);
}
