using Delegation.Documents;
using Delegation.Names;
using Delegation.Table;

namespace Delegation.Cli.Common;

/// <summary>
/// An admin's edit of one row: the domain as the table keys it and new values for some columns (null clears one;
/// <see cref="WholeRow"/> gives every column, as import does). Server is normalised as stored.
/// </summary>
internal sealed record RowEdit(string Domain, IReadOnlyDictionary<string, string?> Values)
{
    public static RowEdit WholeRow(string domain, Func<string, string?> value) =>
        new(domain, DelegationRow.Columns.ToDictionary(column => column, value, StringComparer.Ordinal));

    /// <summary>
    /// The row after the edit, laid over <paramref name="current"/> (null for a new row), checked with the service's own
    /// rules. A problem in a column the edit leaves alone was there before: a warning, not a reason to refuse. Problems of
    /// the client document as a whole are reported on ClientBaseUrl and always refused.
    /// </summary>
    public RowEditResult ApplyTo(DelegationRow? current)
    {
        string? Value(string column) => !Values.TryGetValue(column, out var value)
            ? current?[column]
            : column == DelegationRow.ServerColumn ? ServerName.Normalize(value) : value;

        var row = DelegationRow.FromColumns(Domain, Value);
        var problems = DelegationDocuments.FromRow(row).Problems;
        var refused = problems.Where(p => Values.ContainsKey(p.Field) || p.Field == DelegationRow.ClientBaseUrlColumn).ToList();
        return new RowEditResult(new RowChange(row, current), refused, [.. problems.Except(refused)]);
    }
}
