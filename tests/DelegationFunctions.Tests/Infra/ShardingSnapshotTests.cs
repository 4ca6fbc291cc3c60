namespace Delegation.Tests.Infra;

/// <summary>
/// customDomains spread over several Front Door profiles, each within its tier's limit (the provider host counting in
/// shard 0), all admitted by the one app; one domain more than a profile holds is refused, naming the next shard.
/// </summary>
public sealed class ShardingSnapshotTests
{
    private const int DomainCount = 1200;

    private const int PremiumLimit = 500;

    private const string ProviderHost = "delegation.provider.example";

    // 1,200 domains on Premium: shard i / 500, as an operator writes it when a profile fills up.
    private static readonly Lazy<Task<SnapshotResult>> Premium1200 = new(() => Bicep.SnapshotAsync(
        "using 'main.bicep'\n\nparam frontDoorTier = 'Premium'\n\nparam customDomains = [\n"
        + string.Concat(Enumerable.Range(0, DomainCount).Select(i => $"  {{ name: 'd{i}.example.com', shard: {i / PremiumLimit} }}\n"))
        + "]\n"));

    [Fact]
    public async Task Snapshot_1200DomainsOnPremium_ThreeProfilesEachWithinTheLimit()
    {
        var snapshot = await Premium1200.Value;

        var profiles = snapshot.OfType("Microsoft.Cdn/profiles");
        var domains = snapshot.OfType("Microsoft.Cdn/profiles/customDomains");

        Assert.Equal(3, profiles.Count);
        Assert.All(profiles, p => Assert.Equal("Premium_AzureFrontDoor", p.GetProperty("sku").GetProperty("name").GetString()));
        Assert.All(profiles, p => Assert.InRange(domains.Count(d => d.Id().StartsWith(p.Id() + "/", StringComparison.Ordinal)), 1, PremiumLimit));
    }

    [Fact]
    public async Task Snapshot_1200DomainsOnPremium_EveryDomainExactlyOnceOnItsProfilesRoute()
    {
        var snapshot = await Premium1200.Value;

        var domains = snapshot.OfType("Microsoft.Cdn/profiles/customDomains");
        var routed = snapshot.OfType("Microsoft.Cdn/profiles/afdEndpoints/routes")
            .SelectMany(r => r.Properties().GetProperty("customDomains").EnumerateArray().Select(d => (Route: r.Id(), Domain: d.GetProperty("id").GetString()!)))
            .ToList();

        Assert.Equal(Enumerable.Range(0, DomainCount).Select(i => $"d{i}.example.com").Order(), domains.Select(d => d.Properties().GetProperty("hostName").GetString()!).Order());
        Assert.Equal(domains.Select(d => d.Id()).Order(), routed.Select(r => r.Domain).Order());
        Assert.All(routed, r => Assert.Equal(ProfileOf(r.Route), ProfileOf(r.Domain)));
    }

    [Fact]
    public async Task Snapshot_1200DomainsOnPremium_AppAdmitsEveryProfile()
    {
        var snapshot = await Premium1200.Value;

        var frontDoorIds = snapshot.OfType("Microsoft.Cdn/profiles").Select(p => $"[reference('{p.Id()}', '2024-02-01').frontDoorId]").ToList();
        var siteConfig = snapshot.Single("Microsoft.Web/sites").Properties().GetProperty("siteConfig");
        var rules = siteConfig.GetProperty("ipSecurityRestrictions").EnumerateArray().ToList();
        var setting = siteConfig.GetProperty("appSettings").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "FrontDoorId").GetProperty("value").GetString()!;

        Assert.Equal(frontDoorIds.Order(), rules.SelectMany(r => r.GetProperty("headers").GetProperty("x-azure-fdid").EnumerateArray().Select(v => v.GetString()!)).Order());
        Assert.All(rules, r => Assert.Equal("AzureFrontDoor.Backend", r.GetProperty("ipAddress").GetString()));
        Assert.Equal(rules.Count, rules.Select(r => r.GetProperty("priority").GetInt32()).Distinct().Count());
        Assert.Equal("Deny", siteConfig.GetProperty("ipSecurityRestrictionsDefaultAction").GetString());
        Assert.StartsWith("[join(createArray(", setting, StringComparison.Ordinal);
        Assert.EndsWith("), ',')]", setting, StringComparison.Ordinal);
        Assert.All(frontDoorIds, id => Assert.Contains(id[1..^1], setting, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Snapshot_1200DomainsOnPremium_OutputsNameTheEndpointOfEachDomainsShard()
    {
        var snapshot = await Premium1200.Value;

        var records = snapshot.Output("dnsRecords");

        Assert.Matches(@"'domain', 'd0\.example\.com', 'shard', 0, 'frontDoorProfileName', 'afd-mxdeleg-[a-z0-9]{13}', ", records);
        Assert.Matches(@"'domain', 'd1199\.example\.com', 'shard', 2, 'frontDoorProfileName', 'afd-mxdeleg-[a-z0-9]{13}-2', 'frontDoorEndpointName', 'fde-mxdeleg-[a-z0-9]{13}-2', 'customDomainName', 'd1199-example-com-[a-z0-9]{13}', 'validationTxtName', '_dnsauth\.d1199\.example\.com', 'validationTxtValue', reference\('[^']*/profiles/afd-mxdeleg-[a-z0-9]{13}-2/customDomains/d1199-example-com-[a-z0-9]{13}', '2024-02-01'\)\.validationProperties\.validationToken, 'cnameName', 'd1199\.example\.com', 'cnameTarget', reference\('[^']*/profiles/afd-mxdeleg-[a-z0-9]{13}-2/afdEndpoints/fde-mxdeleg-[a-z0-9]{13}-2', ", records);
    }

    [Theory]
    [InlineData("Standard", 100, false)]
    [InlineData("Premium", 500, false)]
    [InlineData("Standard", 99, true)]
    [InlineData("Premium", 499, true)]
    public async Task Snapshot_ProfileFilledToTheTierLimit_Succeeds(string tier, int count, bool withProviderHost)
    {
        var result = await Bicep.SnapshotAsync(Parameters(tier, count, withProviderHost));

        Assert.False(result.Failed, result.Failure);
        Assert.Single(result.OfType("Microsoft.Cdn/profiles"));
        Assert.Equal(tier == "Premium" ? PremiumLimit : 100, result.OfType("Microsoft.Cdn/profiles/customDomains").Count);
        Assert.Contains($"'domainCount', {(tier == "Premium" ? PremiumLimit : 100)}", result.Output("frontDoorShards"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_ProviderHostWithTheHundredthDomainInShard1_TwoStandardProfilesOf100And1()
    {
        var result = await Bicep.SnapshotAsync(Parameters("Standard", 99, withProviderHost: true, extra: "  { name: 'late.example', shard: 1 }\n"));

        var domains = result.OfType("Microsoft.Cdn/profiles/customDomains");
        var profiles = result.OfType("Microsoft.Cdn/profiles");

        Assert.False(result.Failed, result.Failure);
        Assert.Equal([1, 100], profiles.Select(p => domains.Count(d => d.Id().StartsWith(p.Id() + "/", StringComparison.Ordinal))).Order());
    }

    [Fact]
    public async Task Snapshot_OneDomainMoreThanStandardAllows_FailsRecommendingAnotherStandardShard()
    {
        var result = await Bicep.SnapshotAsync(Parameters("Standard", 101, withProviderHost: false));

        Assert.True(result.Failed);
        Assert.Contains("Parameter customDomains has 101 entries in shard 0, but a Front Door Standard profile allows 100 custom domains. Rule: at most 100 custom domains per profile. ", result.Failure, StringComparison.Ordinal);
        Assert.Contains("Give the domains you add shard: 1 (each shard is its own profile, another Standard one: Premium holds 500 domains per profile, but its base fee is about 9 times Standard's, so choose it only for its WAF managed rules or Private Link;", result.Failure, StringComparison.Ordinal);
        Assert.DoesNotContain("Set frontDoorTier to Premium", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_OneDomainMoreThanPremiumAllows_FailsNamingTheNextShard()
    {
        var result = await Bicep.SnapshotAsync(Parameters("Premium", 501, withProviderHost: false));

        Assert.True(result.Failed);
        Assert.Contains("Parameter customDomains has 501 entries in shard 0, but a Front Door Premium profile allows 500 custom domains. Rule: at most 500 custom domains per profile. ", result.Failure, StringComparison.Ordinal);
        Assert.Contains("Give the domains you add shard: 1 (each shard is its own profile); never move a domain that is already served", result.Failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Standard", 100)]
    [InlineData("Premium", 500)]
    public async Task Snapshot_ProviderHostAndAFullShard0_FailsCountingTheProviderHost(string tier, int count)
    {
        var result = await Bicep.SnapshotAsync(Parameters(tier, count, withProviderHost: true));

        Assert.True(result.Failed);
        Assert.Contains($"Parameter customDomains has {count} entries in shard 0, and providerHostName '{ProviderHost}' is a custom domain of that profile too, but a Front Door {tier} profile allows {count} custom domains. Rule: at most {count} custom domains per profile, the provider host included (shard 0 holds at most {count - 1} entries). Give the domains you add shard: 1 ", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_DomainAddedAtTheTopOfTheList_MovesNoOtherDomain()
    {
        const string Existing = "  { name: 'a.example.com' }\n  { name: 'b.example.com', shard: 1 }\n  { name: 'c.example.com' }\n";
        var before = Bicep.SnapshotAsync($"using 'main.bicep'\n\nparam customDomains = [\n{Existing}]\n");
        var after = Bicep.SnapshotAsync($"using 'main.bicep'\n\nparam customDomains = [\n  {{ name: 'new.example.com', shard: 1 }}\n  {{ name: 'new0.example.com' }}\n{Existing}]\n");

        var beforeIds = (await before).OfType("Microsoft.Cdn/profiles/customDomains").Select(d => d.Id()).ToList();
        var afterIds = (await after).OfType("Microsoft.Cdn/profiles/customDomains").Select(d => d.Id()).ToList();

        Assert.Equal(3, beforeIds.Count);
        Assert.Equal(5, afterIds.Count);
        Assert.Subset(afterIds.ToHashSet(), beforeIds.ToHashSet());
    }

    [Fact]
    public async Task Snapshot_ShardWithoutDomains_FailsNamingTheShard()
    {
        var result = await Bicep.SnapshotAsync("using 'main.bicep'\n\nparam customDomains = [ { name: 'a.example.com' }, { name: 'b.example.com', shard: 2 } ]\n");

        Assert.True(result.Failed);
        Assert.Contains("Parameter customDomains: no domain is in shard 1. Rule: ", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_DnsZonesInTwoShards_EachCnamePointsAtItsShardsEndpoint()
    {
        var result = await Bicep.SnapshotAsync("using 'main.bicep'\n\nparam customDomains = [ { name: 'a.example.com', dnsZoneName: 'example.com' }, { name: 'b.example.com', dnsZoneName: 'example.com', shard: 1 } ]\n");

        var cnames = result.OfType("Microsoft.Network/dnsZones/CNAME").ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Properties().GetProperty("CNAMERecord").GetProperty("cname").GetString()!);
        var endpoints = result.OfType("Microsoft.Cdn/profiles/afdEndpoints").Select(e => e.Id()).ToList();

        Assert.Equal(2, endpoints.Count);
        Assert.Contains($"'{endpoints.Single(e => !e.EndsWith("-1", StringComparison.Ordinal))}'", cnames["example.com/a"], StringComparison.Ordinal);
        Assert.Contains($"'{endpoints.Single(e => e.EndsWith("-1", StringComparison.Ordinal))}'", cnames["example.com/b"], StringComparison.Ordinal);
        Assert.Equal(["example.com/_dnsauth.a", "example.com/_dnsauth.b"], result.OfType("Microsoft.Network/dnsZones/TXT").Select(t => t.GetProperty("name").GetString()).Order());
    }

    private static string Parameters(string tier, int count, bool withProviderHost, string extra = "") =>
        $"using 'main.bicep'\n\nparam frontDoorTier = '{tier}'\n\n"
        + (withProviderHost ? $"param providerHostName = '{ProviderHost}'\n\n" : string.Empty)
        + "param customDomains = [\n"
        + string.Concat(Enumerable.Range(0, count).Select(i => $"  {{ name: 'd{i}.example.com' }}\n"))
        + extra
        + "]\n";

    private static string ProfileOf(string id) => id[..(id.IndexOf("/providers/Microsoft.Cdn/profiles/", StringComparison.Ordinal) + "/providers/Microsoft.Cdn/profiles/".Length)] + id.Split("/profiles/")[1].Split('/')[0];
}
