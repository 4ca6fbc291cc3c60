namespace Delegation.Tests.Infra;

/// <summary>A role assignment of a snapshot: the role's GUID, the scope's resource ID, the principal (an expression for an identity) and its kind.</summary>
internal sealed record RoleAssignment(string Role, string Scope, string PrincipalId, string PrincipalType)
{
    public const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    public const string StorageTableDataReader = "76199698-9eea-4c19-bc75-cec21354c6b6";
    public const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    public const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    public static IReadOnlyList<RoleAssignment> Of(SnapshotResult snapshot) =>
        snapshot.OfType("Microsoft.Authorization/roleAssignments").Select(r =>
        {
            var id = r.Id();
            var properties = r.Properties();
            return new RoleAssignment(
                properties.GetProperty("roleDefinitionId").GetString()!.Split('/')[^1],
                id[..id.IndexOf("/providers/Microsoft.Authorization/roleAssignments/", StringComparison.Ordinal)],
                properties.GetProperty("principalId").GetString()!,
                properties.GetProperty("principalType").GetString()!);
        }).ToList();

    /// <summary>Whether the principal is the system-assigned identity of the site with this resource ID.</summary>
    public bool IsIdentityOf(string siteId) => PrincipalId.Contains($"'{siteId}'", StringComparison.Ordinal);
}
