using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure;
using Delegation.Table;

namespace Delegation.Tests.Support;

/// <summary>
/// A hand-written store: rows in memory, reads that can be held at a gate and made to fail, by default like an
/// unreachable table. Wrap it in <see cref="CountingDelegationStore"/> to count reads and scans.
/// </summary>
internal sealed class InMemoryDelegationStore : IDelegationStore
{
    private readonly ConcurrentDictionary<string, DelegationRow> _rows = new(StringComparer.Ordinal);

    public TaskCompletionSource? Gate { get; set; }

    public bool Failing { get; set; }

    /// <summary>What a read throws while <see cref="Failing"/>: by default what the SDK throws when the table cannot be reached.</summary>
    public Func<Exception> Failure { get; set; } = () => new RequestFailedException(0, "Connection refused (test)");

    public void Put(DelegationRow row) => _rows[row.Domain] = row with { ETag = new ETag(Guid.NewGuid().ToString()) };

    public async Task<DelegationRow?> GetAsync(string domain, CancellationToken cancellationToken = default)
    {
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        await Task.Yield();
        return Failing ? throw Failure() : _rows.GetValueOrDefault(domain);
    }

    public async IAsyncEnumerable<DelegationRow> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var row in _rows.Values.OrderBy(r => r.Domain, StringComparer.Ordinal))
        {
            yield return row;
        }
    }

    public Task<bool> TryAddAsync(DelegationRow row, CancellationToken cancellationToken = default) =>
        Task.FromResult(_rows.TryAdd(row.Domain, row with { ETag = new ETag(Guid.NewGuid().ToString()) }));

    public Task<bool> TryReplaceAsync(DelegationRow row, ETag ifMatch, CancellationToken cancellationToken = default) =>
        Task.FromResult(_rows.TryGetValue(row.Domain, out var current) && current.ETag == ifMatch && _rows.TryUpdate(row.Domain, row with { ETag = new ETag(Guid.NewGuid().ToString()) }, current));

    public Task<bool> TryDeleteAsync(string domain, ETag ifMatch, CancellationToken cancellationToken = default) =>
        Task.FromResult(_rows.TryGetValue(domain, out var current) && current.ETag == ifMatch && _rows.TryRemove(new KeyValuePair<string, DelegationRow>(domain, current)));

    public Task EnsureTableAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
