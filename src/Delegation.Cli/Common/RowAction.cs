namespace Delegation.Cli.Common;

/// <summary>What writing one row does to the table.</summary>
internal enum RowAction
{
    Added,
    Changed,
    Unchanged,
}
