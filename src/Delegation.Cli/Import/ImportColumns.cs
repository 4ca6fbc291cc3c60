using Delegation.Table;

namespace Delegation.Cli.Import;

/// <summary>The column names an import file may use: the table's own, plus <c>Domain</c> for the key.</summary>
internal static class ImportColumns
{
    public const string Key = "PartitionKey";
    public const string KeyAlias = "Domain";
    public const string RowKey = "RowKey";
    public const string Timestamp = "Timestamp";
    public const string ETag = "ETag";

    public const string Expected = "PartitionKey (or Domain), Server, ClientBaseUrl, IdentityServerBaseUrl, ClientExtra, Support";

    /// <summary>The canonical name for a column as written in a file, or null for a column the table does not have.</summary>
    public static string? Canonical(string name)
    {
        if (name.Equals(Key, StringComparison.OrdinalIgnoreCase) || name.Equals(KeyAlias, StringComparison.OrdinalIgnoreCase))
        {
            return Key;
        }

        if (name.Equals(RowKey, StringComparison.OrdinalIgnoreCase))
        {
            return RowKey;
        }

        if (name.Equals(Timestamp, StringComparison.OrdinalIgnoreCase))
        {
            return Timestamp;
        }

        if (name.Equals(ETag, StringComparison.OrdinalIgnoreCase))
        {
            return ETag;
        }

        return DelegationRow.Columns.FirstOrDefault(c => c.Equals(name, StringComparison.OrdinalIgnoreCase));
    }
}
