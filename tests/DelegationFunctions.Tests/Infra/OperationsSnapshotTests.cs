using System.Text.Json;

namespace Delegation.Tests.Infra;

/// <summary>What keeps the deployment alive: the lock on the table's account and the alert on unvalidated domains.</summary>
public sealed class OperationsSnapshotTests(ExampleSnapshotFixture fixture) : IClassFixture<ExampleSnapshotFixture>
{
    private const string Reader = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
    private const string LogAnalyticsReader = "73c42c96-874c-492b-b04d-ab87d138a893";

    private SnapshotResult Example => fixture.Example;

    [Fact]
    public void Lock_Example_KeepsTheStorageAccountFromDeletion()
    {
        var account = Example.Single("Microsoft.Storage/storageAccounts").Id();

        var lockResource = Example.Single("Microsoft.Authorization/locks");

        Assert.StartsWith(account + "/providers/Microsoft.Authorization/locks/", lockResource.Id(), StringComparison.Ordinal);
        Assert.Equal("CanNotDelete", lockResource.Properties().GetProperty("level").GetString());
    }

    [Fact]
    public void Alert_Example_QueriesTheProfilesDomainsNotApprovedInTheWorkspace()
    {
        var profile = Example.Single("Microsoft.Cdn/profiles").Id();
        var workspace = Example.Single("Microsoft.OperationalInsights/workspaces").Id();

        var alert = DomainAlert(Example);
        var criterion = Assert.Single(alert.Properties().GetProperty("criteria").GetProperty("allOf").EnumerateArray());
        var query = criterion.GetProperty("query").GetString()!;

        Assert.Equal([workspace], alert.Properties().GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.StartsWith("arg(\"\").resources", query, StringComparison.Ordinal);
        Assert.Contains("microsoft.cdn/profiles/customdomains", query, StringComparison.Ordinal);
        Assert.Contains($"id startswith \"{profile.ToLowerInvariant()}/\"", query, StringComparison.Ordinal);
        Assert.Contains("where state != \"Approved\"", query, StringComparison.Ordinal);
        Assert.Equal("GreaterThan", criterion.GetProperty("operator").GetString());
        Assert.Equal(0, criterion.GetProperty("threshold").GetInt32());
        Assert.Equal("SystemAssigned", alert.GetProperty("identity").GetProperty("type").GetString());
    }

    [Fact]
    public void Alert_Example_MayReadTheResourceGroupAndTheWorkspace()
    {
        var alert = DomainAlert(Example).Id();
        var workspace = Example.Single("Microsoft.OperationalInsights/workspaces").Id();
        var resourceGroup = $"/subscriptions/{Bicep.SubscriptionId}/resourceGroups/{Bicep.ResourceGroup}";

        var assignments = Example.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => a.Properties().GetProperty("principalId").GetString()!.Contains($"'{alert}'", StringComparison.Ordinal))
            .Select(a => (Role: a.Properties().GetProperty("roleDefinitionId").GetString()!.Split('/')[^1], Id: a.Id()))
            .ToList();

        Assert.Equal([LogAnalyticsReader, Reader], assignments.Select(a => a.Role).Order());
        Assert.StartsWith(resourceGroup + "/providers/Microsoft.Authorization/roleAssignments/", assignments.Single(a => a.Role == Reader).Id, StringComparison.Ordinal);
        Assert.StartsWith(workspace + "/providers/Microsoft.Authorization/roleAssignments/", assignments.Single(a => a.Role == LogAnalyticsReader).Id, StringComparison.Ordinal);
    }

    [Fact]
    public void Alert_NoAddress_HasNoActionGroup()
    {
        var alert = DomainAlert(Example);

        Assert.Empty(Example.OfType("Microsoft.Insights/actionGroups"));
        Assert.Equal(0, alert.Properties().GetProperty("actions").GetProperty("actionGroups").GetArrayLength());
    }

    [Fact]
    public void Alert_AddressGiven_MailsIt()
    {
        var group = fixture.Variant.Single("Microsoft.Insights/actionGroups");
        var alert = DomainAlert(fixture.Variant);

        var receiver = Assert.Single(group.Properties().GetProperty("emailReceivers").EnumerateArray());

        Assert.Equal(ExampleSnapshotFixture.AlertEmailAddress, receiver.GetProperty("emailAddress").GetString());
        Assert.Equal([group.Id()], alert.Properties().GetProperty("actions").GetProperty("actionGroups").EnumerateArray().Select(g => g.GetString()));
    }

    // The checks' own alert (ChecksTemplateSnapshotTests) is the other scheduled query rule.
    private static JsonElement DomainAlert(SnapshotResult snapshot) =>
        Assert.Single(snapshot.OfType("Microsoft.Insights/scheduledQueryRules"), r => r.GetProperty("name").GetString()!.EndsWith("-domain-validation", StringComparison.Ordinal));
}
