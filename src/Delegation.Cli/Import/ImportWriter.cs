using System.Collections.Concurrent;
using Delegation.Cli.Common;
using Delegation.Table;

namespace Delegation.Cli.Import;

/// <summary>
/// Writes planned rows in parallel (bounded), each through <see cref="RowWriter"/> with the ETag read during planning.
/// Counts what was written, so an interrupted import can say how far it got.
/// </summary>
internal sealed class ImportWriter(IDelegationStore store, int parallelism)
{
    private readonly RowWriter _writer = new(store);
    private int _written;

    public int Written => _written;

    public async Task<IReadOnlyList<ImportConflict>> WriteAsync(IReadOnlyList<PlannedRow> rows, Action advance, CancellationToken cancellationToken = default)
    {
        var conflicts = new ConcurrentBag<ImportConflict>();
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (planned, ct) =>
        {
            if (await _writer.WriteAsync(planned.Change, ct) is { } conflict)
            {
                conflicts.Add(new ImportConflict(planned.Line, conflict));
            }
            else
            {
                Interlocked.Increment(ref _written);
            }

            advance();
        });
        return [.. conflicts.OrderBy(c => c.Line)];
    }
}
