using System.Runtime.CompilerServices;
using Azure;
using Delegation.Table;

namespace Delegation.Benchmarks;

/// <summary>Rows held in memory, so cache benchmarks measure the cache and not a table.</summary>
internal sealed class MemoryDelegationStore(IEnumerable<DelegationRow> rows) : IDelegationStore
{
    private readonly Dictionary<string, DelegationRow> _rows = rows.ToDictionary(r => r.Domain, StringComparer.Ordinal);

    public static MemoryDelegationStore WithDemoRows(int count) => new(DemoDomains(count).Select(d => new DelegationRow(d) { Server = "matrix.example.com:443" }));

    public static string[] DemoDomains(int count) => [.. Enumerable.Range(0, count).Select(i => $"d{i}.example.com")];

    public Task<DelegationRow?> GetAsync(string domain, CancellationToken cancellationToken = default) =>
        Task.FromResult(_rows.GetValueOrDefault(domain));

    public async IAsyncEnumerable<DelegationRow> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        foreach (var row in _rows.Values)
        {
            yield return row;
        }
    }

    public Task<bool> TryAddAsync(DelegationRow row, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> TryReplaceAsync(DelegationRow row, ETag ifMatch, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> TryDeleteAsync(string domain, ETag ifMatch, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task EnsureTableAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
