using System.Collections.Concurrent;
using Delegation.Table;

namespace Delegation.Cli.Import;

/// <summary>
/// Writes planned rows in parallel (bounded), each as one entity write guarded by the ETag read during planning:
/// add when the row did not exist, replace-if-match when it did. A refused write is a conflict, never retried blindly.
/// </summary>
internal sealed class ImportWriter(IDelegationStore store, int parallelism)
{
    private int _written;

    public int Written => _written;

    public async Task<IReadOnlyList<ImportConflict>> WriteAsync(IReadOnlyList<PlannedRow> rows, Action advance, CancellationToken cancellationToken = default)
    {
        var conflicts = new ConcurrentBag<ImportConflict>();
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (planned, ct) =>
        {
            var done = planned.Existing is { ETag: { } etag }
                ? await store.TryReplaceAsync(planned.Row, etag, ct)
                : await store.TryAddAsync(planned.Row, ct);
            if (done)
            {
                Interlocked.Increment(ref _written);
            }
            else
            {
                conflicts.Add(new ImportConflict(planned, await store.GetAsync(planned.Row.Domain, ct)));
            }

            advance();
        });
        return [.. conflicts.OrderBy(c => c.Planned.Source.Line)];
    }
}
