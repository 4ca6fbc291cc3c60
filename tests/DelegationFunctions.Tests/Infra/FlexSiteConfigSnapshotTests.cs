namespace Delegation.Tests.Infra;

/// <summary>
/// The site and its config carry no setting Flex Consumption refuses (ARM error 51021 fails the whole deployment), in
/// every variant of the parameters (FTP stays off through the publishing credentials policy instead, which
/// MainTemplateSnapshotTests asserts).
/// </summary>
public sealed class FlexSiteConfigSnapshotTests(ExampleSnapshotFixture fixture) : IClassFixture<ExampleSnapshotFixture>
{
    // A site and a site config resource that set refused properties, spelled as ARM writes them and as Bicep does.
    private const string Probe = """
        @description('Region of the probe site.')
        param location string = resourceGroup().location

        resource site 'Microsoft.Web/sites@2024-04-01' = {
          name: 'probe'
          location: location
          properties: {
            SiteConfig: {
              FtpsState: 'Disabled'
              minTlsVersion: '1.2'
            }
          }
        }

        resource web 'Microsoft.Web/sites/config@2024-04-01' = {
          parent: site
          name: 'web'
          properties: {
            use32BitWorkerProcess: false
            netframeworkversion: 'v10.0'
          }
        }
        """;

    [Fact]
    public void Site_ExampleAndVariant_SetsNoPropertyFlexRefuses()
    {
        foreach (var snapshot in new[] { fixture.Example, fixture.Variant })
        {
            var settings = FlexRefusedSiteProperties.SettingsOf(snapshot);

            // The walk reaches the site's settings, so an empty result below means none is refused, not none was read.
            Assert.Contains(settings, s => s.Name == "minTlsVersion");
            Assert.Contains(settings, s => s.Name == "ipSecurityRestrictions");
            Assert.Empty(FlexRefusedSiteProperties.RefusedIn(snapshot));
        }
    }

    [Fact]
    public async Task Site_WithoutFrontDoor_SetsNoPropertyFlexRefuses()
    {
        var snapshot = await Bicep.SnapshotAsync("using 'main.bicep'\n\nparam useFrontDoor = false\n");

        Assert.NotEmpty(FlexRefusedSiteProperties.SettingsOf(snapshot));
        Assert.Empty(FlexRefusedSiteProperties.RefusedIn(snapshot));
    }

    [Fact]
    public async Task RefusedIn_ProbeSettingRefusedPropertiesInAnyCasing_FindsEach()
    {
        var snapshot = await Bicep.SnapshotAsync("using 'probe.bicep'\n", ("probe.bicep", Probe));

        var refused = FlexRefusedSiteProperties.RefusedIn(snapshot);

        Assert.Equal(["FtpsState", "netframeworkversion", "use32BitWorkerProcess"], refused.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Single(refused, r => r.ResourceId.EndsWith("/sites/probe", StringComparison.Ordinal));
        Assert.Equal(2, refused.Count(r => r.ResourceId.EndsWith("/sites/probe/config/web", StringComparison.Ordinal)));
    }

    [Fact]
    public void Names_TheListChecked_HoldsTheFourRefusalsOfTheIssueAndMore()
    {
        var names = FlexRefusedSiteProperties.Names;

        Assert.Superset(
            new HashSet<string>(["FtpsState", "Use32BitWorkerProcess", "NetFrameworkVersion", "FunctionsRuntimeScaleMonitoringEnabled"]),
            names.ToHashSet());
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
