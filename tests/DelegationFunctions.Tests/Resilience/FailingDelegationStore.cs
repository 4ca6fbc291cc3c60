using Azure;
using Delegation.Table;

namespace Delegation.Tests.Resilience;

/// <summary>
/// A store whose point reads wait for <see cref="Release"/> and then fail with <paramref name="failure"/>'s exception;
/// by default the way the SDK fails when its own network timeout fires first.
/// </summary>
internal sealed class FailingDelegationStore(Func<Exception>? failure = null) : IDelegationStore
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _reads;

    public int Reads => Volatile.Read(ref _reads);

    /// <summary>Lets the reads that are waiting fail.</summary>
    public void Release() => _release.TrySetResult();

    public async Task<DelegationRow?> GetAsync(string domain, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        await _release.Task;
        throw failure?.Invoke() ?? new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout of 0:00:05.");
    }

    public IAsyncEnumerable<DelegationRow> ListAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> TryAddAsync(DelegationRow row, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> TryReplaceAsync(DelegationRow row, ETag ifMatch, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> TryDeleteAsync(string domain, ETag ifMatch, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task EnsureTableAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
