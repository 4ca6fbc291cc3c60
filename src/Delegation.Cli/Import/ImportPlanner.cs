using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables.Models;
using Delegation.Cli.Common;
using Delegation.Table;

namespace Delegation.Cli.Import;

/// <summary>
/// Reads the current version (and ETag) of every row the file touches. Small files use point reads; larger ones one
/// scan of the table (pages of 1,000), which costs a few requests instead of one per row.
/// </summary>
internal static class ImportPlanner
{
    public const int PointReadLimit = 200;

    public static async Task<IReadOnlyList<PlannedRow>> PlanAsync(IDelegationStore store, IReadOnlyList<ImportRow> rows, int parallelism, CancellationToken cancellationToken = default)
    {
        var existing = new ConcurrentDictionary<string, DelegationRow>(StringComparer.Ordinal);
        try
        {
            if (rows.Count <= PointReadLimit)
            {
                await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (row, ct) =>
                {
                    if (await store.GetAsync(row.Row.Domain, ct) is { } current)
                    {
                        existing[current.Domain] = current;
                    }
                });
            }
            else
            {
                var wanted = rows.Select(r => r.Row.Domain).ToHashSet(StringComparer.Ordinal);
                await foreach (var current in store.ListAsync(cancellationToken))
                {
                    if (wanted.Contains(current.Domain))
                    {
                        existing[current.Domain] = current;
                    }
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == TableErrorCode.TableNotFound.ToString())
        {
            // A table that does not exist yet holds no rows: everything is added.
        }

        return [.. rows.Select(row => Plan(row, existing.GetValueOrDefault(row.Row.Domain)))];
    }

    private static PlannedRow Plan(ImportRow row, DelegationRow? current) => new(row.Line, new RowChange(row.Row, current));
}
