using Azure.Data.Tables;

namespace Delegation.Table;

/// <summary>
/// Where the delegations table lives. Read from <c>DelegationStorage</c> (a connection string),
/// <c>DelegationStorage__tableServiceUri</c> (Entra ID through DefaultAzureCredential) and <c>DelegationTable</c>; the
/// read-only secondary endpoint from <c>DelegationStorageSecondary</c> or <c>DelegationStorageSecondary__tableServiceUri</c>.
/// </summary>
public sealed class DelegationStorageOptions
{
    public const string ConnectionStringKey = "DelegationStorage";
    public const string TableServiceUriKey = "DelegationStorage:tableServiceUri";
    public const string SecondaryConnectionStringKey = "DelegationStorageSecondary";
    public const string SecondaryTableServiceUriKey = "DelegationStorageSecondary:tableServiceUri";
    public const string TableKey = "DelegationTable";
    public const string DefaultTable = "delegations";

    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }

    public string TableName { get; set; } = DefaultTable;

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
    /// Why <paramref name="text"/> cannot be a table service URI, or null when it can. Only https: Azure.Core's
    /// BearerTokenAuthenticationPolicy refuses to send a token anywhere else, with an exception instead of a request.
    /// </summary>
    public static string? CheckTableServiceUri(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0
            ? null
            : "it must be the table endpoint as an https URL without a query, like https://<account>.table.core.windows.net.";
}
