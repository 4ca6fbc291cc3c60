using System.Text;
using Delegation.Table;

namespace Delegation.Cli.Common;

/// <summary>A write the table refused because someone changed the row after it was read: the row as read, and as it is now.</summary>
internal sealed record RowConflict(string Domain, DelegationRow? Read, DelegationRow? Now)
{
    /// <summary>What changed meanwhile, column by column.</summary>
    public string Change
    {
        get
        {
            if (Now is null)
            {
                return "It has been deleted.";
            }

            if (Read is null)
            {
                return "It was created meanwhile.";
            }

            var changed = DelegationRow.Columns.Where(c => Read[c] != Now[c]).ToList();
            if (changed.Count == 0)
            {
                return "It was rewritten meanwhile (its values are the same as when it was read).";
            }

            var text = new StringBuilder("Changed meanwhile:");
            foreach (var column in changed)
            {
                text.Append($"\n  {column}: '{Read[column]}' -> '{Now[column]}'");
            }

            return text.ToString();
        }
    }

    /// <summary>Tells the admin, in two lines, that the row changed under them, what <paramref name="outcome"/> that had, and what changed.</summary>
    public async Task WriteAsync(TextWriter error, string outcome)
    {
        await error.WriteLineAsync($"The row for '{Domain}' was changed by someone else after it was read; {outcome}");
        await error.WriteLineAsync(Change);
    }
}
