namespace Delegation.Table;

/// <summary>
/// Where the delegations table lives. Read from <c>DelegationStorage</c> (a connection string),
/// <c>DelegationStorage__tableServiceUri</c> (Entra ID through DefaultAzureCredential) and <c>DelegationTable</c>.
/// </summary>
public sealed class DelegationStorageOptions
{
    public const string ConnectionStringKey = "DelegationStorage";
    public const string TableServiceUriKey = "DelegationStorage:tableServiceUri";
    public const string TableKey = "DelegationTable";
    public const string DefaultTable = "delegations";

    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }

    public string TableName { get; set; } = DefaultTable;
}
