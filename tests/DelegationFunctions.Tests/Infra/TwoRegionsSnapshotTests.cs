using System.Text.Json;
using Delegation.Serving;

namespace Delegation.Tests.Infra;

/// <summary>
/// secondaryLocation: a second Flex app in another region behind every shard's origin group with a health probe, both
/// apps reading the one table and its read-access secondary endpoint; readAccessGeoRedundant alone in one region; and
/// the combinations that are refused.
/// </summary>
public sealed class TwoRegionsSnapshotTests(ExampleSnapshotFixture fixture) : IClassFixture<ExampleSnapshotFixture>
{
    private const string Domains = "param customDomains = [\n  { name: 'example.com' }\n  { name: 'example.org', shard: 1 }\n]\n";

    // The region is spelled as the portal shows it: the template compares names as ARM writes them.
    private static readonly Lazy<Task<SnapshotResult>> TwoRegions = new(() => Bicep.SnapshotAsync(
        $"using 'main.bicep'\n\n{Domains}\nparam secondaryLocation = 'North Europe'\n"));

    private static readonly Lazy<Task<SnapshotResult>> ReadAccessOnly = new(() => Bicep.SnapshotAsync(
        $"using 'main.bicep'\n\n{Domains}\nparam readAccessGeoRedundant = true\n"));

    [Fact]
    public async Task Snapshot_SecondaryLocation_TwoFlexAppsEachWithItsPlanIdentityAndPackageInItsRegion()
    {
        var snapshot = await TwoRegions.Value;

        var (primary, secondary) = Sites(snapshot);
        var plans = snapshot.OfType("Microsoft.Web/serverfarms");
        var accounts = snapshot.OfType("Microsoft.Storage/storageAccounts");
        var secondaryAccount = Assert.Single(accounts, a => Location(a) == "northeurope");

        Assert.Equal("westeurope", Location(primary));
        Assert.Equal("northeurope", Location(secondary));
        Assert.Equal(["northeurope", "westeurope"], plans.Select(Location).Order(StringComparer.Ordinal));
        Assert.All(plans, p => Assert.Equal("FC1", p.GetProperty("sku").GetProperty("name").GetString()));
        Assert.All([primary, secondary], s => Assert.Equal("SystemAssigned", s.GetProperty("identity").GetProperty("type").GetString()));
        Assert.All([primary, secondary], s => Assert.Equal(40, ScaleOf(s).GetProperty("maximumInstanceCount").GetInt32()));
        Assert.Contains(
            $"'{secondaryAccount.Id()}'",
            secondary.Properties().GetProperty("functionAppConfig").GetProperty("deployment").GetProperty("storage").GetProperty("value").GetString()!,
            StringComparison.Ordinal);
        Assert.Equal(secondaryAccount.GetProperty("name").GetString(), AppSettings(secondary)["AzureWebJobsStorage__accountName"]);
        Assert.All(accounts, a => Assert.False(a.Properties().GetProperty("allowSharedKeyAccess").GetBoolean()));
        Assert.Contains(snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"), c => c.Id().StartsWith(secondaryAccount.Id() + "/", StringComparison.Ordinal));
        // Within the 32 characters the Functions host takes for its host ID, and not the primary's.
        Assert.Equal(primary.GetProperty("name").GetString() + "-2", secondary.GetProperty("name").GetString());
        Assert.InRange(secondary.GetProperty("name").GetString()!.Length, 1, 32);
    }

    [Fact]
    public async Task Snapshot_SecondaryLocation_NeitherSiteSetsAPropertyFlexRefusesAndBothAdmitOnlyTheProfilesAndProbes()
    {
        var snapshot = await TwoRegions.Value;

        var (primary, secondary) = Sites(snapshot);
        var rules = JsonDocument.Parse(Restrictions(primary)).RootElement.EnumerateArray().ToList();
        var probes = Assert.Single(rules, r => r.GetProperty("headers").TryGetProperty("x-fd-healthprobe", out _));

        Assert.Equal(2, FlexRefusedSiteProperties.SettingsOf(snapshot).Count(s => s.Name == "minTlsVersion"));
        Assert.Empty(FlexRefusedSiteProperties.RefusedIn(snapshot));
        Assert.Equal(Restrictions(primary), Restrictions(secondary));
        Assert.Equal(3, rules.Count);
        Assert.Equal(2, rules.Count(r => r.GetProperty("headers").TryGetProperty("x-azure-fdid", out _)));
        Assert.Equal(["1"], probes.GetProperty("headers").GetProperty("x-fd-healthprobe").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(("Allow", "ServiceTag", "AzureFrontDoor.Backend"), (probes.GetProperty("action").GetString(), probes.GetProperty("tag").GetString(), probes.GetProperty("ipAddress").GetString()));
        Assert.All([primary, secondary], s => Assert.Equal("Deny", s.Properties().GetProperty("siteConfig").GetProperty("ipSecurityRestrictionsDefaultAction").GetString()));
        Assert.Equal(AppSettings(primary)["FrontDoorId"], AppSettings(secondary)["FrontDoorId"]);
    }

    [Fact]
    public async Task Snapshot_SecondaryLocation_BothAppsReadTheOneTableAtItsPrimaryAndSecondaryEndpoints()
    {
        var snapshot = await TwoRegions.Value;

        var (primary, secondary) = Sites(snapshot);
        var tableAccount = TableAccount(snapshot);

        Assert.Equal("Standard_RAGZRS", tableAccount.GetProperty("sku").GetProperty("name").GetString());
        Assert.All([primary, secondary], site =>
        {
            var settings = AppSettings(site);
            Assert.Equal("delegations", settings["DelegationTable"]);
            Assert.StartsWith($"[take(reference('{tableAccount.Id()}', '2023-05-01').primaryEndpoints.table", settings["DelegationStorage__tableServiceUri"], StringComparison.Ordinal);
            Assert.StartsWith($"[take(reference('{tableAccount.Id()}', '2023-05-01').secondaryEndpoints.table", settings["DelegationStorageSecondary__tableServiceUri"], StringComparison.Ordinal);
        });
        Assert.Equal(AppSettings(primary)["DelegationStorageSecondary__tableServiceUri"], snapshot.Output("secondaryTableServiceUri"));
    }

    [Fact]
    public async Task Snapshot_SecondaryLocation_EachAppReadsTheTableAndOwnsOnlyItsHostBlobs()
    {
        var snapshot = await TwoRegions.Value;

        var (primary, secondary) = Sites(snapshot);
        var tableAccount = TableAccount(snapshot).Id();
        var hostAccount = Assert.Single(snapshot.OfType("Microsoft.Storage/storageAccounts"), a => Location(a) == "northeurope").Id();
        var table = $"{tableAccount}/tableServices/default/tables/delegations";
        var insights = snapshot.Single("Microsoft.Insights/components").Id();

        var roles = RoleAssignment.Of(snapshot).Where(a => a.IsIdentityOf(secondary.Id())).Select(a => (a.Role, a.Scope)).Order();

        Assert.Equal(
            new[]
            {
                (RoleAssignment.StorageBlobDataOwner, hostAccount),
                (RoleAssignment.StorageTableDataReader, table),
                (RoleAssignment.MonitoringMetricsPublisher, insights),
            }.Order(),
            roles);
        Assert.Contains(RoleAssignment.Of(snapshot), a => a.IsIdentityOf(primary.Id()) && a.Role == RoleAssignment.StorageTableDataReader && a.Scope == table);
    }

    [Fact]
    public async Task Snapshot_SecondaryLocation_OnlyThePrimaryRegionRunsTheScheduledChecks()
    {
        var snapshot = await TwoRegions.Value;

        var (primary, secondary) = Sites(snapshot);

        Assert.Equal("false", AppSettings(primary)["AzureWebJobs.CheckDelegations.Disabled"]);
        Assert.Equal("true", AppSettings(secondary)["AzureWebJobs.CheckDelegations.Disabled"]);
        Assert.Equal(AppSettings(primary)["DelegationChecksSchedule"], AppSettings(secondary)["DelegationChecksSchedule"]);
    }

    [Fact]
    public async Task Snapshot_SecondaryLocation_EveryShardsOriginGroupHoldsBothAppsAndProbesTheHealthRoute()
    {
        var snapshot = await TwoRegions.Value;

        var (primary, secondary) = Sites(snapshot);
        var groups = snapshot.OfType("Microsoft.Cdn/profiles/originGroups");
        var origins = snapshot.OfType("Microsoft.Cdn/profiles/originGroups/origins");

        Assert.Equal(2, groups.Count);
        Assert.All(groups, group =>
        {
            var probe = group.Properties().GetProperty("healthProbeSettings");
            Assert.Equal("/" + WellKnownRoutes.Health, probe.GetProperty("probePath").GetString());
            Assert.Equal("HEAD", probe.GetProperty("probeRequestType").GetString());
            Assert.Equal("Https", probe.GetProperty("probeProtocol").GetString());
            Assert.Equal(100, probe.GetProperty("probeIntervalInSeconds").GetInt32());

            var members = origins.Where(o => o.Id().StartsWith(group.Id() + "/", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, members.Count);
            Assert.Single(members, o => o.Properties().GetProperty("hostName").GetString()!.Contains($"'{primary.Id()}'", StringComparison.Ordinal));
            Assert.Single(members, o => o.Properties().GetProperty("hostName").GetString()!.Contains($"'{secondary.Id()}'", StringComparison.Ordinal));
            Assert.All(members, o => Assert.Equal(1, o.Properties().GetProperty("priority").GetInt32()));
            Assert.All(members, o => Assert.Equal(1000, o.Properties().GetProperty("weight").GetInt32()));
            Assert.All(members, o => Assert.Equal(o.Properties().GetProperty("hostName").GetString(), o.Properties().GetProperty("originHostHeader").GetString()));
        });
    }

    [Fact]
    public async Task Snapshot_SecondaryLocation_OutputsBothAppNamesAndLocksOnlyTheTablesAccount()
    {
        var snapshot = await TwoRegions.Value;

        var (primary, secondary) = Sites(snapshot);
        var names = JsonDocument.Parse(snapshot.Output("functionAppNames")).RootElement.EnumerateArray().Select(n => n.GetString()).ToList();

        Assert.Equal([primary.GetProperty("name").GetString(), secondary.GetProperty("name").GetString()], names);
        Assert.Equal(secondary.GetProperty("name").GetString(), snapshot.Output("secondaryFunctionAppName"));
        Assert.StartsWith(TableAccount(snapshot).Id() + "/", Assert.Single(snapshot.OfType("Microsoft.Authorization/locks")).Id(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_ReadAccessInOneRegion_OneAppReadsTheSecondaryEndpointAndNothingIsProbed()
    {
        var snapshot = await ReadAccessOnly.Value;

        var site = snapshot.Single("Microsoft.Web/sites");
        var account = snapshot.Single("Microsoft.Storage/storageAccounts");
        var groups = snapshot.OfType("Microsoft.Cdn/profiles/originGroups");

        Assert.Equal("Standard_RAGZRS", account.GetProperty("sku").GetProperty("name").GetString());
        Assert.StartsWith($"[take(reference('{account.Id()}', '2023-05-01').secondaryEndpoints.table", AppSettings(site)["DelegationStorageSecondary__tableServiceUri"], StringComparison.Ordinal);
        Assert.Equal("false", AppSettings(site)["AzureWebJobs.CheckDelegations.Disabled"]);
        Assert.All(groups, g => Assert.Equal(JsonValueKind.Null, g.Properties().GetProperty("healthProbeSettings").ValueKind));
        Assert.DoesNotContain("x-fd-healthprobe", Restrictions(site), StringComparison.Ordinal);
        Assert.Contains("x-azure-fdid", Restrictions(site), StringComparison.Ordinal);
        Assert.Equal(groups.Count, snapshot.OfType("Microsoft.Cdn/profiles/originGroups/origins").Count);
        Assert.Equal(string.Empty, snapshot.Output("secondaryFunctionAppName"));
    }

    [Fact]
    public void Snapshot_Example_KeepsLocallyRedundantStorageWithoutASecondaryEndpoint()
    {
        var site = fixture.Example.Single("Microsoft.Web/sites");

        Assert.Equal("Standard_LRS", fixture.Example.Single("Microsoft.Storage/storageAccounts").GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal(string.Empty, AppSettings(site)["DelegationStorageSecondary__tableServiceUri"]);
        Assert.Equal("false", AppSettings(site)["AzureWebJobs.CheckDelegations.Disabled"]);
        Assert.Equal(JsonValueKind.Null, fixture.Example.Single("Microsoft.Cdn/profiles/originGroups").Properties().GetProperty("healthProbeSettings").ValueKind);
    }

    [Theory]
    [InlineData("param location = 'westcentralus'\n\nparam readAccessGeoRedundant = true\n", "Standard_RAGRS")]
    [InlineData("param readAccessGeoRedundant = true\n\nparam geoRedundantStorageSku = 'Standard_RAGRS'\n", "Standard_RAGRS")]
    public async Task Snapshot_RegionWithoutGzrsOrSkuGiven_UsesReadAccessGrs(string parameters, string sku)
    {
        var snapshot = await Bicep.SnapshotAsync($"using 'main.bicep'\n\n{Domains}\n{parameters}");

        Assert.Equal(sku, snapshot.Single("Microsoft.Storage/storageAccounts").GetProperty("sku").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("param secondaryLocation = 'West Europe'\n", "Parameter secondaryLocation 'West Europe' is the same region as location 'westeurope'")]
    [InlineData("param useFrontDoor = false\n\nparam secondaryLocation = 'northeurope'\n", "Parameter secondaryLocation is 'northeurope', but useFrontDoor is false")]
    [InlineData("param geoRedundantStorageSku = 'Standard_RAGZRS'\n", "Parameter geoRedundantStorageSku is Standard_RAGZRS, but neither readAccessGeoRedundant nor secondaryLocation is set")]
    public async Task Snapshot_ContradictorySecondRegion_FailsNamingTheParameterAndTheRule(string parameters, string expected)
    {
        var domains = parameters.Contains("useFrontDoor = false", StringComparison.Ordinal) ? string.Empty : Domains;

        var result = await Bicep.SnapshotAsync($"using 'main.bicep'\n\n{domains}\n{parameters}");

        Assert.True(result.Failed);
        Assert.Contains(expected, result.Failure, StringComparison.Ordinal);
        Assert.Contains("Rule: ", result.Failure, StringComparison.Ordinal);
    }

    private static (JsonElement Primary, JsonElement Secondary) Sites(SnapshotResult snapshot)
    {
        var sites = snapshot.OfType("Microsoft.Web/sites");
        Assert.Equal(2, sites.Count);
        return (Assert.Single(sites, s => Location(s) == "westeurope"), Assert.Single(sites, s => Location(s) == "northeurope"));
    }

    private static JsonElement TableAccount(SnapshotResult snapshot) =>
        Assert.Single(snapshot.OfType("Microsoft.Storage/storageAccounts"), a => Location(a) == "westeurope");

    private static string Location(JsonElement resource) => resource.GetProperty("location").GetString()!;

    private static JsonElement ScaleOf(JsonElement site) => site.Properties().GetProperty("functionAppConfig").GetProperty("scaleAndConcurrency");

    private static string Restrictions(JsonElement site) => site.Properties().GetProperty("siteConfig").GetProperty("ipSecurityRestrictions").GetRawText();

    private static Dictionary<string, string> AppSettings(JsonElement site) =>
        site.Properties().GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").GetString()!);
}
