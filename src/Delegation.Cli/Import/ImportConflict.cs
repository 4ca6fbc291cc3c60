using Delegation.Cli.Common;

namespace Delegation.Cli.Import;

/// <summary>A row of the file that someone else changed between the import's read and its write; it was not written.</summary>
internal sealed record ImportConflict(int Line, RowConflict Conflict)
{
    public override string ToString() =>
        $"line {Line}: {Conflict.Domain} changed after it was read; not written. {Conflict.Change}";
}
