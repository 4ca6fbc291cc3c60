using Delegation.Cli.Rows;
using Delegation.Table;

namespace Delegation.Cli.Import;

/// <summary>A row someone else changed between the import's read and its write; it was not written.</summary>
internal sealed record ImportConflict(PlannedRow Planned, DelegationRow? Now)
{
    public override string ToString() =>
        $"line {Planned.Source.Line}: {Planned.Row.Domain} changed after it was read; not written. {RowChanges.Describe(Planned.Existing, Now)}";
}
