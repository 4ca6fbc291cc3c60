using Delegation.Table;

namespace Delegation.Cli.Common;

/// <summary>A valid row to write and the row in the table as read, with its ETag (null when there was none).</summary>
internal sealed record RowChange(DelegationRow Row, DelegationRow? Existing)
{
    /// <summary>Unchanged only when the table holds the same values as text: rewriting a row fixes a column that is not.</summary>
    public RowAction Action => Existing is null
        ? RowAction.Added
        : Existing.HasSameValues(Row) && Existing.ColumnErrors.Count == 0 ? RowAction.Unchanged : RowAction.Changed;

    public IEnumerable<string> ChangedColumns => Existing is null
        ? DelegationRow.Columns.Where(c => Row[c] is not null)
        : DelegationRow.Columns.Where(c => Row[c] != Existing[c]);

    /// <summary>The changed columns that the table holds a value in and the new row does not: the write clears them.</summary>
    public IEnumerable<string> ClearedColumns => ChangedColumns.Where(c => Row[c] is null);
}
