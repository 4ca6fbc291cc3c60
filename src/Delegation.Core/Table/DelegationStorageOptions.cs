using Azure.Data.Tables;
using Delegation.Checks;

namespace Delegation.Table;

/// <summary>
/// Where the delegations table lives. Read from <c>DelegationStorage</c> (a connection string),
/// <c>DelegationStorage__tableServiceUri</c> (Entra ID through DefaultAzureCredential) and <c>DelegationTable</c>; the
/// read-only secondary endpoint (the options named <see cref="Secondary"/>) from <c>DelegationStorageSecondary</c> or
/// <c>DelegationStorageSecondary__tableServiceUri</c>; the check results' table, in the same account, from
/// <c>DelegationChecks__Table</c>. Bound by <see cref="DelegationStorageServiceCollectionExtensions.AddDelegationStorage"/>.
/// </summary>
public sealed class DelegationStorageOptions
{
    public const string ConnectionStringKey = "DelegationStorage";
    public const string TableServiceUriKey = "DelegationStorage:tableServiceUri";
    public const string SecondaryConnectionStringKey = "DelegationStorageSecondary";
    public const string SecondaryTableServiceUriKey = "DelegationStorageSecondary:tableServiceUri";
    public const string TableKey = "DelegationTable";
    public const string ChecksTableKey = "DelegationChecks:Table";
    public const string DefaultTable = "delegations";

    /// <summary>The name of the secondary endpoint's options; the primary's are the default (unnamed) options.</summary>
    public const string Secondary = "Secondary";

    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }

    public string TableName { get; set; } = DefaultTable;

    /// <summary>The table of recorded check results, beside <see cref="TableName"/>.</summary>
    public string ChecksTableName { get; set; } = TableCheckResultStore.DefaultTable;

    /// <summary>True when a connection string or a table service URI is set.</summary>
    public bool IsConfigured => TableServiceUri is not null || !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>A setting's name as an environment variable or app setting: <c>DelegationStorage__tableServiceUri</c>.</summary>
    public static string SettingName(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>
    /// The table endpoint, for messages: the URL without a query (so no SAS token), parsed from the settings without a
    /// request; a description when the connection string cannot be parsed.
    /// </summary>
    public string Endpoint()
    {
        if (TableServiceUri is { } uri)
        {
            return uri.GetLeftPart(UriPartial.Path);
        }

        try
        {
            return new TableServiceClient(ConnectionString).Uri.GetLeftPart(UriPartial.Path);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return "the connection string's table endpoint";
        }
    }

    /// <summary>
    /// Why <paramref name="name"/> cannot name a table, or null when it can. Azure's rule
    /// (learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#table-names): 3 to 63
    /// letters and digits, not starting with a digit, and not the reserved name 'tables'.
    /// </summary>
    public static string? CheckTableName(string name) =>
        name.Length is >= 3 and <= 63 && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit) && !name.Equals("tables", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"a table name is 3-63 letters and digits, starting with a letter (and not 'tables'); give one like '{DefaultTable}'.";

    /// <summary>
    /// Why <paramref name="connectionString"/> is not a storage connection string, or null when it is. Only parsed, as the
    /// client does before its first request; the value itself is never repeated, since it may hold the account key.
    /// </summary>
    public static string? CheckConnectionString(string connectionString)
    {
        try
        {
            _ = new TableServiceClient(connectionString);
            return null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            var message = ex is ArgumentException { ParamName: { } parameter } ? ex.Message.Replace($" (Parameter '{parameter}')", string.Empty, StringComparison.Ordinal) : ex.Message;
            return $"{message.Split('\n')[0].Trim().TrimEnd('.')}. Give the one from the storage account's Access keys page (DefaultEndpointsProtocol=https;AccountName=<account>;AccountKey=<key>;EndpointSuffix=core.windows.net), or UseDevelopmentStorage=true for Azurite.";
        }
    }

    /// <summary>
    /// Why <paramref name="text"/> cannot be a table service URI, or null when it can. Only https: Azure.Core's
    /// BearerTokenAuthenticationPolicy refuses to send a token anywhere else, with an exception instead of a request.
    /// </summary>
    public static string? CheckTableServiceUri(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0
            ? null
            : "it must be the table endpoint as an https URL without a query, like https://<account>.table.core.windows.net.";
}
