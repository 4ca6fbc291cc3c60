using System.Text;
using Delegation.Table;

namespace Delegation.Cli.Rows;

/// <summary>Applies field changes to a row and describes how two versions of a row differ.</summary>
internal static class RowChanges
{
    public static DelegationRow Apply(DelegationRow row, IReadOnlyDictionary<string, string?> changes)
    {
        string? Value(string column) => changes.TryGetValue(column, out var value) ? value : row[column];
        return DelegationRow.FromColumns(row.Domain, Value) with { ETag = row.ETag };
    }

    /// <summary>"What changed" between the row we read and the row there now, column by column.</summary>
    public static string Describe(DelegationRow? before, DelegationRow? after)
    {
        if (after is null)
        {
            return "It has been deleted.";
        }

        if (before is null)
        {
            return "It was created meanwhile.";
        }

        var changed = DelegationRow.Columns.Where(c => before[c] != after[c]).ToList();
        if (changed.Count == 0)
        {
            return "It was rewritten meanwhile (its values are the same as when it was read).";
        }

        var text = new StringBuilder("Changed meanwhile:");
        foreach (var column in changed)
        {
            text.Append($"\n  {column}: '{before[column]}' -> '{after[column]}'");
        }

        return text.ToString();
    }
}
