using Delegation.Table;

namespace Delegation.Cli.Import;

/// <summary>One row of the file against the row in the table as read (with its ETag), and what writing it changes.</summary>
internal sealed record PlannedRow(ImportRow Source, DelegationRow? Existing, ImportAction Action)
{
    public DelegationRow Row => Source.Row;

    public IEnumerable<string> ChangedColumns => Existing is null
        ? DelegationRow.Columns.Where(c => Row[c] is not null)
        : DelegationRow.Columns.Where(c => Row[c] != Existing[c]);
}
