namespace Delegation.Tests.Infra;

/// <summary>The records the template writes into Azure DNS zones: validation TXT, CNAME, and an apex alias only on request.</summary>
public sealed class DnsSnapshotTests(ExampleSnapshotFixture fixture) : IClassFixture<ExampleSnapshotFixture>
{
    private SnapshotResult Example => fixture.Example;

    [Fact]
    public void Dns_ApexInAzureDnsZoneWithoutTakeover_CreatesOnlyTheValidationTxt()
    {
        var txt = Assert.Single(Example.OfType("Microsoft.Network/dnsZones/TXT"));

        Assert.Equal("example.com/_dnsauth", txt.GetProperty("name").GetString());
        Assert.Contains("customDomains/example-com-", txt.Properties().GetProperty("TXTRecords")[0].GetProperty("value")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains(".validationProperties.validationToken", txt.Properties().GetProperty("TXTRecords")[0].GetProperty("value")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(Example.OfType("Microsoft.Network/dnsZones/A"));
        Assert.Empty(Example.OfType("Microsoft.Network/dnsZones/CNAME"));
    }

    [Fact]
    public void Dns_ApexTakeover_CreatesAnAliasToTheEndpoint()
    {
        var endpoint = fixture.Variant.Single("Microsoft.Cdn/profiles/afdEndpoints").Id();

        var alias = Assert.Single(fixture.Variant.OfType("Microsoft.Network/dnsZones/A"));

        Assert.Equal("example.com/@", alias.GetProperty("name").GetString());
        Assert.Equal(endpoint, alias.Properties().GetProperty("targetResource").GetProperty("id").GetString());
    }

    [Fact]
    public void Dns_SubdomainInAzureDnsZone_CreatesTxtAndCname()
    {
        var cname = Assert.Single(fixture.Variant.OfType("Microsoft.Network/dnsZones/CNAME"));
        var txtNames = fixture.Variant.OfType("Microsoft.Network/dnsZones/TXT").Select(t => t.GetProperty("name").GetString());

        Assert.Equal("example.net/matrix", cname.GetProperty("name").GetString());
        Assert.Contains(".hostName", cname.Properties().GetProperty("CNAMERecord").GetProperty("cname").GetString(), StringComparison.Ordinal);
        Assert.Equal(["example.com/_dnsauth", "example.net/_dnsauth.matrix"], txtNames.Order());
    }
}
