using Delegation.Table;

namespace Delegation.Cli.Common;

/// <summary>
/// A row as JSON for scripts and files: the table's own column names, absent columns left out. <see cref="ETag"/> is
/// set only by <c>get</c>, for <c>--if-match</c>; import ignores it.
/// </summary>
internal sealed record RowJson(
    string PartitionKey,
    string? Server,
    string? ClientBaseUrl,
    string? IdentityServerBaseUrl,
    string? ClientExtra,
    string? Support,
    string? ETag = null)
{
    public static RowJson From(DelegationRow row) =>
        new(row.Domain, row.Server, row.ClientBaseUrl, row.IdentityServerBaseUrl, row.ClientExtra, row.Support);
}
