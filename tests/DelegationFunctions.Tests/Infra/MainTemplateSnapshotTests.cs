using System.Text.Json;

namespace Delegation.Tests.Infra;

/// <summary>The security-relevant values of the deployment, as <c>bicep snapshot</c> predicts them without Azure.</summary>
public sealed class MainTemplateSnapshotTests(ExampleSnapshotFixture fixture) : IClassFixture<ExampleSnapshotFixture>
{
    private const string StorageBlobDataOwner = RoleAssignment.StorageBlobDataOwner;
    private const string StorageTableDataReader = RoleAssignment.StorageTableDataReader;
    private const string StorageTableDataContributor = RoleAssignment.StorageTableDataContributor;
    private const string MonitoringMetricsPublisher = RoleAssignment.MonitoringMetricsPublisher;

    private SnapshotResult Example => fixture.Example;

    [Fact]
    public void Snapshot_Example_HasNoDiagnostics()
    {
        var diagnostics = Example.Snapshot!.RootElement.GetProperty("diagnostics");

        Assert.Equal(0, diagnostics.GetArrayLength());
    }

    [Fact]
    public void Storage_Example_RefusesSharedKeysAndOldTls()
    {
        var account = Properties(Example.Single("Microsoft.Storage/storageAccounts"));

        Assert.False(account.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.Equal("TLS1_2", account.GetProperty("minimumTlsVersion").GetString());
        Assert.True(account.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
        Assert.False(account.GetProperty("allowBlobPublicAccess").GetBoolean());
    }

    [Fact]
    public void Storage_Example_CreatesTheDelegationsTable()
    {
        var tables = Example.OfType("Microsoft.Storage/storageAccounts/tableServices/tables");

        Assert.Contains(tables, t => t.GetProperty("name").GetString()!.EndsWith("/default/delegations", StringComparison.Ordinal));
    }

    [Fact]
    public void RoleAssignments_Example_GiveTheAppTableReadOnTheTableAndOnlyBlobOwnerOnTheAccount()
    {
        var account = Id(Example.Single("Microsoft.Storage/storageAccounts"));
        var tables = Example.OfType("Microsoft.Storage/storageAccounts/tableServices/tables");
        var table = Id(tables.Single(t => t.GetProperty("name").GetString()!.EndsWith("/default/delegations", StringComparison.Ordinal)));
        var checksTable = Id(tables.Single(t => t.GetProperty("name").GetString()!.EndsWith("/default/delegationchecks", StringComparison.Ordinal)));
        var insights = Id(Example.Single("Microsoft.Insights/components"));
        var site = Id(Example.Single("Microsoft.Web/sites"));

        var assignments = RoleAssignments(Example).Where(a => a.PrincipalId.Contains($"'{site}'", StringComparison.Ordinal)).ToList();

        // An HTTP-only app needs no queue role (Storage Queue Data Contributor is not among them).
        Assert.Equal(
            new[]
            {
                (StorageBlobDataOwner, account),
                (StorageTableDataReader, table),
                (StorageTableDataContributor, checksTable),
                (MonitoringMetricsPublisher, insights),
            }.Order(),
            assignments.Select(a => (a.Role, a.Scope)).Order());
        Assert.All(assignments, a => Assert.EndsWith(".identity.principalId]", a.PrincipalId, StringComparison.Ordinal));
        Assert.All(assignments, a => Assert.Equal("ServicePrincipal", a.PrincipalType));
    }

    [Fact]
    public void RoleAssignments_AdminGiven_GiveTheAdminTableDataContributor()
    {
        var account = Id(fixture.Variant.Single("Microsoft.Storage/storageAccounts"));

        var admin = Assert.Single(RoleAssignments(fixture.Variant), a => a.PrincipalId == ExampleSnapshotFixture.AdminPrincipalId);

        Assert.Equal(StorageTableDataContributor, admin.Role);
        Assert.Equal(account, admin.Scope);
        Assert.Equal("User", admin.PrincipalType);
    }

    [Fact]
    public void RoleAssignments_NoAdmin_GiveNoOneTableDataContributor()
    {
        var assignments = RoleAssignments(Example);

        // The app's own write access to the check results table is the only one (ChecksTemplateSnapshotTests); finding
        // it proves the assignments were read at all.
        Assert.Contains(assignments, a => a.Role == StorageTableDataContributor && a.Scope.EndsWith("/tables/delegationchecks", StringComparison.Ordinal));
        Assert.DoesNotContain(assignments, a => a.Role == StorageTableDataContributor && !a.Scope.EndsWith("/tables/delegationchecks", StringComparison.Ordinal));
    }

    [Fact]
    public void FunctionApp_Example_RunsDotnetIsolated10OnFlexConsumption()
    {
        var plan = Example.Single("Microsoft.Web/serverfarms");
        var site = Example.Single("Microsoft.Web/sites");
        var config = Properties(site).GetProperty("functionAppConfig");

        Assert.Equal("FC1", plan.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("FlexConsumption", plan.GetProperty("sku").GetProperty("tier").GetString());
        Assert.True(Properties(plan).GetProperty("reserved").GetBoolean());
        Assert.Equal("functionapp,linux", site.GetProperty("kind").GetString());
        Assert.Equal("SystemAssigned", site.GetProperty("identity").GetProperty("type").GetString());
        Assert.Equal("dotnet-isolated", config.GetProperty("runtime").GetProperty("name").GetString());
        Assert.Equal("10.0", config.GetProperty("runtime").GetProperty("version").GetString());
        Assert.Equal("SystemAssignedIdentity", config.GetProperty("deployment").GetProperty("storage").GetProperty("authentication").GetProperty("type").GetString());
        Assert.Equal(512, config.GetProperty("scaleAndConcurrency").GetProperty("instanceMemoryMB").GetInt32());
        Assert.Equal(40, config.GetProperty("scaleAndConcurrency").GetProperty("maximumInstanceCount").GetInt32());
    }

    [Fact]
    public void FunctionApp_AlwaysReadyGiven_KeepsThatManyHttpInstances()
    {
        var config = Properties(fixture.Variant.Single("Microsoft.Web/sites")).GetProperty("functionAppConfig");

        var alwaysReady = Assert.Single(config.GetProperty("scaleAndConcurrency").GetProperty("alwaysReady").EnumerateArray());

        Assert.Equal("http", alwaysReady.GetProperty("name").GetString());
        Assert.Equal(2, alwaysReady.GetProperty("instanceCount").GetInt32());
    }

    [Fact]
    public void FunctionApp_Example_IsHttpsOnlyWithTls12AndNoFtpOrBasicCredentials()
    {
        var site = Properties(Example.Single("Microsoft.Web/sites"));
        var siteConfig = site.GetProperty("siteConfig");
        var policies = Example.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.True(site.GetProperty("httpsOnly").GetBoolean());
        Assert.Equal("1.2", siteConfig.GetProperty("minTlsVersion").GetString());
        Assert.Equal("1.2", siteConfig.GetProperty("scmMinTlsVersion").GetString());
        Assert.Equal(["ftp", "scm"], policies.Select(p => p.GetProperty("name").GetString()!.Split('/')[^1]).Order());
        Assert.All(policies, p => Assert.False(Properties(p).GetProperty("allow").GetBoolean()));
    }

    [Fact]
    public void FunctionApp_Example_AdmitsOnlyThisFrontDoorButKeepsScmOpen()
    {
        var siteConfig = Properties(Example.Single("Microsoft.Web/sites")).GetProperty("siteConfig");
        var profileFrontDoorId = FrontDoorIdReference(Example);

        var rule = Assert.Single(siteConfig.GetProperty("ipSecurityRestrictions").EnumerateArray());

        Assert.Equal("Allow", rule.GetProperty("action").GetString());
        Assert.Equal("ServiceTag", rule.GetProperty("tag").GetString());
        Assert.Equal("AzureFrontDoor.Backend", rule.GetProperty("ipAddress").GetString());
        Assert.Equal([profileFrontDoorId], rule.GetProperty("headers").GetProperty("x-azure-fdid").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("Deny", siteConfig.GetProperty("ipSecurityRestrictionsDefaultAction").GetString());
        Assert.False(siteConfig.GetProperty("scmIpSecurityRestrictionsUseMain").GetBoolean());
        Assert.Equal("Allow", siteConfig.GetProperty("scmIpSecurityRestrictionsDefaultAction").GetString());
    }

    [Fact]
    public void FunctionApp_Example_SettingsUseIdentitiesAndTheFrontDoorId()
    {
        var settings = AppSettings(Example);
        var accountName = Example.Single("Microsoft.Storage/storageAccounts").GetProperty("name").GetString();

        // The setting is the list of every profile's ID; this deployment has one profile.
        Assert.Equal($"[join(createArray({FrontDoorIdReference(Example)[1..^1]}), ',')]", settings["FrontDoorId"]);
        Assert.Equal(accountName, settings["AzureWebJobsStorage__accountName"]);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.Contains(".primaryEndpoints.table", settings["DelegationStorage__tableServiceUri"], StringComparison.Ordinal);
        Assert.Equal("delegations", settings["DelegationTable"]);
        Assert.Equal("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Equal("14400", settings["Delegation__MaxAgeSeconds"]);
        Assert.Equal("600", settings["Delegation__SharedMaxAgeSeconds"]);
        Assert.DoesNotContain(settings.Values, v => v.Contains("AccountKey", StringComparison.OrdinalIgnoreCase) || v.Contains("listKeys", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void FunctionApp_SharedMaxAgeGiven_SetsTheEdgeLifetime()
    {
        var settings = AppSettings(fixture.Variant);

        Assert.Equal("900", settings["Delegation__SharedMaxAgeSeconds"]);
    }

    [Fact]
    public void Monitoring_Example_DisablesLocalAuth()
    {
        var insights = Properties(Example.Single("Microsoft.Insights/components"));
        var workspace = Properties(Example.Single("Microsoft.OperationalInsights/workspaces"));

        Assert.True(insights.GetProperty("DisableLocalAuth").GetBoolean());
        Assert.True(workspace.GetProperty("features").GetProperty("disableLocalAuth").GetBoolean());
        Assert.Equal(Id(Example.Single("Microsoft.OperationalInsights/workspaces")), insights.GetProperty("WorkspaceResourceId").GetString());
    }

    [Fact]
    public void FrontDoor_Example_IsStandardAndPremiumByParameter()
    {
        var standard = Example.Single("Microsoft.Cdn/profiles");
        var premium = fixture.Variant.Single("Microsoft.Cdn/profiles");

        Assert.Equal("Standard_AzureFrontDoor", standard.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("Premium_AzureFrontDoor", premium.GetProperty("sku").GetProperty("name").GetString());
    }

    [Fact]
    public void FrontDoor_Example_RoutesOnlyWellKnownMatrixOverHttps()
    {
        var route = Properties(Example.Single("Microsoft.Cdn/profiles/afdEndpoints/routes"));

        Assert.Equal(["/.well-known/matrix/*"], route.GetProperty("patternsToMatch").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["Http", "Https"], route.GetProperty("supportedProtocols").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("Enabled", route.GetProperty("httpsRedirect").GetString());
        Assert.Equal("HttpsOnly", route.GetProperty("forwardingProtocol").GetString());
        Assert.Equal("Disabled", route.GetProperty("linkToDefaultDomain").GetString());
        Assert.Equal("IgnoreQueryString", route.GetProperty("cacheConfiguration").GetProperty("queryStringCachingBehavior").GetString());
        Assert.Equal(Id(Example.Single("Microsoft.Cdn/profiles/originGroups")), route.GetProperty("originGroup").GetProperty("id").GetString());
    }

    [Fact]
    public void FrontDoor_Example_OneManagedTls12DomainPerEntryOnTheRoute()
    {
        var domains = Example.OfType("Microsoft.Cdn/profiles/customDomains");
        var route = Properties(Example.Single("Microsoft.Cdn/profiles/afdEndpoints/routes"));

        Assert.Equal(["chat.example.org", "example.com"], domains.Select(d => Properties(d).GetProperty("hostName").GetString()).Order());
        Assert.All(domains, d => Assert.Equal("ManagedCertificate", Properties(d).GetProperty("tlsSettings").GetProperty("certificateType").GetString()));
        Assert.All(domains, d => Assert.Equal("TLS12", Properties(d).GetProperty("tlsSettings").GetProperty("minimumTlsVersion").GetString()));
        Assert.Equal(domains.Select(Id).Order(), route.GetProperty("customDomains").EnumerateArray().Select(d => d.GetProperty("id").GetString()!).Order());
    }

    [Fact]
    public void FrontDoor_Example_OriginIsTheAppsDefaultHostName()
    {
        var origin = Properties(Example.Single("Microsoft.Cdn/profiles/originGroups/origins"));
        var site = Id(Example.Single("Microsoft.Web/sites"));
        var expected = $"[reference('{site}', '2024-04-01').defaultHostName]";

        Assert.Equal(expected, origin.GetProperty("hostName").GetString());
        Assert.Equal(expected, origin.GetProperty("originHostHeader").GetString());
    }

    [Fact]
    public void Outputs_Example_ListTheValidationRecordAndCnameTargetPerDomain()
    {
        var records = Example.Output("dnsRecords");

        Assert.Contains("'_dnsauth.example.com'", records, StringComparison.Ordinal);
        Assert.Contains("'_dnsauth.chat.example.org'", records, StringComparison.Ordinal);
        Assert.Matches("customDomains/chat-example-org-[a-z0-9]{13}', '2024-02-01'\\).validationProperties.validationToken", records);
        Assert.Matches("'customDomainName', 'chat-example-org-[a-z0-9]{13}'", records);
        Assert.Contains("'cnameTarget'", records, StringComparison.Ordinal);
        Assert.Contains("'apex', true(), 'apexTakeover', false()", records, StringComparison.Ordinal);
    }

    [Fact]
    public void Outputs_Example_NameTheFrontDoorProfileAndEndpoint()
    {
        var profile = Example.Single("Microsoft.Cdn/profiles").GetProperty("name").GetString();
        var endpoint = Example.Single("Microsoft.Cdn/profiles/afdEndpoints").GetProperty("name").GetString()!.Split('/')[^1];

        Assert.Equal(profile, Example.Output("frontDoorProfileName"));
        Assert.Equal(endpoint, Example.Output("frontDoorEndpointName"));
    }

    [Fact]
    public void CustomDomains_MixedCase_AreCreatedLowerCase()
    {
        var hostNames = fixture.Variant.OfType("Microsoft.Cdn/profiles/customDomains").Select(d => Properties(d).GetProperty("hostName").GetString());

        Assert.Equal(["chat.example.org", "example.com", "matrix.example.net"], hostNames.Order());
    }

    private static string FrontDoorIdReference(SnapshotResult snapshot) =>
        $"[reference('{Id(snapshot.Single("Microsoft.Cdn/profiles"))}', '2024-02-01').frontDoorId]";

    private static JsonElement Properties(JsonElement resource) => resource.GetProperty("properties");

    private static string Id(JsonElement resource) => resource.GetProperty("id").GetString()!;

    private static Dictionary<string, string> AppSettings(SnapshotResult snapshot) =>
        Properties(snapshot.Single("Microsoft.Web/sites")).GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").GetString()!);

    private static IReadOnlyList<RoleAssignment> RoleAssignments(SnapshotResult snapshot) => RoleAssignment.Of(snapshot);
}
