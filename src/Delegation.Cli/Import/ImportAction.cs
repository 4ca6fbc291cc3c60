namespace Delegation.Cli.Import;

/// <summary>What importing one row does to the table.</summary>
internal enum ImportAction
{
    Added,
    Changed,
    Unchanged,
}
