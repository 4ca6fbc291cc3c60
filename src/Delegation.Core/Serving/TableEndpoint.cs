using Delegation.Table;
using Microsoft.Extensions.Logging;

namespace Delegation.Serving;

/// <summary>
/// One endpoint of the delegations table (the primary or the secondary) as the resolver reads it: point reads within
/// the storage timeout, at most <see cref="ServingOptions.MaxConcurrentReads"/> in flight. Each endpoint has its own
/// limit, so reads hanging on a primary that is down cannot hold up the secondary's.
/// </summary>
internal sealed partial class TableEndpoint(IDelegationStore store, string name, ServingOptions options, TimeProvider time, DelegationMetrics metrics, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _reads = new(options.MaxConcurrentReads, options.MaxConcurrentReads);
    private readonly TimeSpan _timeout = TimeSpan.FromSeconds(options.StorageTimeoutSeconds);

    /// <summary>One point read within the storage timeout; a storage failure is counted, logged and reported as Failed.</summary>
    public async Task<(bool Failed, DelegationRow? Row)> ReadAsync(string domain)
    {
        using var timeout = new CancellationTokenSource(_timeout, time);
        try
        {
            var row = await ReadLimitedAsync(domain, timeout.Token);
            metrics.TableRead(row is null ? "not_found" : "found", name);
            return (false, row);
        }
        // No caller's token reaches a table read: a cancellation here is this timeout or the SDK's.
        catch (Exception ex) when (StorageFailure.From(ex) is { } failure)
        {
            metrics.TableRead(timeout.IsCancellationRequested ? "timeout" : "error", name);
            Log.StorageFailed(logger, domain, failure.Description, name, ex);
            return (true, null);
        }
    }

    public void Dispose() => _reads.Dispose();

    private async Task<DelegationRow?> ReadLimitedAsync(string domain, CancellationToken cancellationToken)
    {
        await _reads.WaitAsync(cancellationToken);
        try
        {
            return await store.GetAsync(domain, cancellationToken);
        }
        finally
        {
            _reads.Release();
        }
    }
}
