namespace Delegation.Tests.Infra;

/// <summary>Path mode: the provider's own host on Front Door, or the app's own host name without Front Door.</summary>
public sealed class PathModeSnapshotTests
{
    private static readonly Lazy<Task<SnapshotResult>> ProviderHost = new(() => Bicep.SnapshotAsync("""
        using 'main.bicep'

        param customDomains = [ { name: 'chat.example.org' } ]

        param providerHostName = 'Delegation.Provider.example'

        param providerHostDnsZoneName = 'provider.example'
        """));

    private static readonly Lazy<Task<SnapshotResult>> WithoutFrontDoor = new(() => Bicep.SnapshotAsync("using 'main.bicep'\n\nparam useFrontDoor = false\n"));

    [Fact]
    public async Task ProviderHost_Given_OneManagedCertificateAndARouteForEveryPathWithTheDelegationHostRuleSet()
    {
        var snapshot = await ProviderHost.Value;

        var provider = Assert.Single(snapshot.OfType("Microsoft.Cdn/profiles/customDomains"), d => d.Properties().GetProperty("hostName").GetString() == "delegation.provider.example");
        var routes = snapshot.OfType("Microsoft.Cdn/profiles/afdEndpoints/routes");
        var pathMode = Assert.Single(routes, r => r.LastNameSegment() == "path-mode").Properties();
        var wellKnown = Assert.Single(routes, r => r.LastNameSegment() == "well-known-matrix").Properties();

        Assert.Equal("ManagedCertificate", provider.Properties().GetProperty("tlsSettings").GetProperty("certificateType").GetString());
        Assert.Equal([provider.Id()], pathMode.GetProperty("customDomains").EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        Assert.DoesNotContain(provider.Id(), wellKnown.GetProperty("customDomains").EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        Assert.Equal(["/*"], pathMode.GetProperty("patternsToMatch").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(snapshot.Single("Microsoft.Cdn/profiles/ruleSets").Id(), Assert.Single(pathMode.GetProperty("ruleSets").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(snapshot.Single("Microsoft.Cdn/profiles/originGroups").Id(), pathMode.GetProperty("originGroup").GetProperty("id").GetString());
        Assert.Equal("IgnoreQueryString", pathMode.GetProperty("cacheConfiguration").GetProperty("queryStringCachingBehavior").GetString());
        Assert.Equal("HttpsOnly", pathMode.GetProperty("forwardingProtocol").GetString());
        Assert.Equal("Disabled", pathMode.GetProperty("linkToDefaultDomain").GetString());
    }

    [Fact]
    public async Task ProviderHost_InAzureDnsZone_GetsTxtAndCnameAndOutputs()
    {
        var snapshot = await ProviderHost.Value;

        var cname = Assert.Single(snapshot.OfType("Microsoft.Network/dnsZones/CNAME"));
        var txt = Assert.Single(snapshot.OfType("Microsoft.Network/dnsZones/TXT"));
        var records = snapshot.Output("providerHostRecords");

        Assert.Equal("provider.example/delegation", cname.GetProperty("name").GetString());
        Assert.Equal("provider.example/_dnsauth.delegation", txt.GetProperty("name").GetString());
        Assert.Contains("customDomains/delegation-provider-example-", txt.Properties().GetProperty("TXTRecords")[0].GetProperty("value")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("'validationTxtName', '_dnsauth.delegation.provider.example'", records, StringComparison.Ordinal);
        Assert.Contains(").validationProperties.validationToken", records, StringComparison.Ordinal);
        Assert.Contains("'cnameTarget', reference(", records, StringComparison.Ordinal);
        Assert.Equal("https://delegation.provider.example", snapshot.Output("pathModeBaseUrl"));
    }

    [Fact]
    public async Task ProviderHost_WithoutCustomDomains_HasOnlyThePathModeRoute()
    {
        var snapshot = await Bicep.SnapshotAsync("using 'main.bicep'\n\nparam providerHostName = 'delegation.provider.example'\n");

        var route = Assert.Single(snapshot.OfType("Microsoft.Cdn/profiles/afdEndpoints/routes"));

        Assert.Equal("path-mode", route.LastNameSegment());
        Assert.Single(snapshot.OfType("Microsoft.Cdn/profiles/customDomains"));
    }

    [Theory]
    [InlineData("param providerHostName = 'chat.example.org'\n\nparam customDomains = [ { name: 'chat.example.org' } ]\n", "Parameter providerHostName 'chat.example.org' is also in customDomains")]
    [InlineData("param providerHostName = 'not a host'\n", "Parameter providerHostName 'not a host' is not a DNS name")]
    [InlineData("param providerHostName = '10.0.0.1'\n", "Parameter providerHostName '10.0.0.1' is an IP address")]
    [InlineData("param providerHostName = 'delegation.b\u00fccher.example'\n", "Parameter providerHostName 'delegation.b\u00fccher.example' is not ASCII. Rule: write its A-label, xn--")]
    [InlineData("param providerHostName = 'delegation.provider.example'\n\nparam providerHostDnsZoneName = 'other.example'\n", "Parameter providerHostName 'delegation.provider.example' is not in providerHostDnsZoneName 'other.example'")]
    [InlineData("param useFrontDoor = false\n\nparam customDomains = [ { name: 'chat.example.org' } ]\n", "Parameter useFrontDoor is false, but customDomains, providerHostName or enableWaf is set")]
    [InlineData("param useFrontDoor = false\n\nparam providerHostName = 'delegation.provider.example'\n", "Parameter useFrontDoor is false, but customDomains, providerHostName or enableWaf is set")]
    public async Task Snapshot_ContradictoryPathModeParameters_FailNamingTheParameter(string parameters, string expected)
    {
        var result = await Bicep.SnapshotAsync($"using 'main.bicep'\n\n{parameters}");

        Assert.True(result.Failed);
        Assert.Contains(expected, result.Failure, StringComparison.Ordinal);
        Assert.Contains("Rule: ", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutFrontDoor_CreatesNoCdnResource()
    {
        var snapshot = await WithoutFrontDoor.Value;

        Assert.DoesNotContain(snapshot.Resources, r => r.GetProperty("type").GetString()!.StartsWith("Microsoft.Cdn/", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(snapshot.OfType("Microsoft.Network/dnsZones/TXT"));
    }

    [Fact]
    public async Task WithoutFrontDoor_AppAdmitsEveryoneAndTrustsNoForwardedHost()
    {
        var snapshot = await WithoutFrontDoor.Value;

        var siteConfig = snapshot.Single("Microsoft.Web/sites").Properties().GetProperty("siteConfig");
        var frontDoorId = siteConfig.GetProperty("appSettings").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "FrontDoorId");

        Assert.Equal(0, siteConfig.GetProperty("ipSecurityRestrictions").GetArrayLength());
        Assert.Equal("Allow", siteConfig.GetProperty("ipSecurityRestrictionsDefaultAction").GetString());
        Assert.Equal(string.Empty, frontDoorId.GetProperty("value").GetString());
        Assert.True(siteConfig.GetProperty("minTlsVersion").GetString() == "1.2");
        Assert.Contains(".defaultHostName", snapshot.Output("pathModeBaseUrl"), StringComparison.Ordinal);
        Assert.StartsWith("[format('https://{0}'", snapshot.Output("pathModeBaseUrl"), StringComparison.Ordinal);
        Assert.Equal(string.Empty, snapshot.Output("frontDoorProfileName"));
    }
}
