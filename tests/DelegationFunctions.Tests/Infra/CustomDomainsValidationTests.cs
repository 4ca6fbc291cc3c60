namespace Delegation.Tests.Infra;

/// <summary>Bad customDomains values fail before deployment, with a message that names the parameter and the rule.</summary>
public sealed class CustomDomainsValidationTests
{
    [Theory]
    [InlineData("[]", "Parameter customDomains is empty")]
    [InlineData("[ { name: 'not a name' } ]", "Parameter customDomains: 'not a name' is not a DNS name")]
    [InlineData("[ { name: 'ok.example' }, { name: '-a.example' } ]", "Parameter customDomains: '-a.example' is not a DNS name")]
    [InlineData("[ { name: 'com' } ]", "Parameter customDomains: 'com' is not a DNS name")]
    [InlineData("[ { name: '*.example.com' } ]", "Parameter customDomains: '*.example.com' is not a DNS name")]
    [InlineData("[ { name: 'a..example.com' } ]", "Parameter customDomains: 'a..example.com' is not a DNS name")]
    [InlineData("[ { name: 'example.com.' } ]", "Parameter customDomains: 'example.com.' is not a DNS name")]
    [InlineData("[ { name: 'matrix_org.example' } ]", "Parameter customDomains: 'matrix_org.example' is not a DNS name")]
    [InlineData("[ { name: 'https://example.com' } ]", "Parameter customDomains: 'https://example.com' is not a DNS name")]
    [InlineData("[ { name: 'a.123' } ]", "Parameter customDomains: 'a.123' is not a DNS name")]
    [InlineData("[ { name: '1.2.3.4' } ]", "Parameter customDomains: '1.2.3.4' is an IP address. Rule: a custom domain is a DNS name")]
    [InlineData("[ { name: 'ok.example' }, { name: '256.1.1.1' } ]", "Parameter customDomains: '256.1.1.1' is an IP address")]
    [InlineData("[ { name: '::1' } ]", "Parameter customDomains: '::1' is an IP address")]
    [InlineData("[ { name: '2001:DB8::1' } ]", "Parameter customDomains: '2001:db8::1' is an IP address")]
    [InlineData("[ { name: '[2001:db8::1]' } ]", "Parameter customDomains: '[2001:db8::1]' is an IP address")]
    [InlineData("[ { name: '::ffff:1.2.3.4' } ]", "Parameter customDomains: '::ffff:1.2.3.4' is an IP address")]
    [InlineData("[ { name: 'B\u00fccher.example' } ]", "Parameter customDomains: 'b\u00fccher.example' is not ASCII. Rule: write its A-label, xn--")]
    [InlineData("[ { name: '\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444' } ]", "is not ASCII. Rule: write its A-label, xn--")]
    [InlineData("[ { name: 'example.com' }, { name: 'chat.example.com' }, { name: 'Example.com' } ]", "Parameter customDomains lists 'example.com' more than once")]
    [InlineData("[ { name: 'chat.example.com', dnsZoneName: 'example.org' } ]", "Parameter customDomains: the dnsZoneName of 'chat.example.com' does not hold that name")]
    [InlineData("[ { name: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example' } ]", "Parameter customDomains: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example' is longer than 64 characters")]
    [InlineData("[ { name: 'chat.example.com', dnsZoneName: 'example.com', apexTakeover: true } ]", "Parameter customDomains: apexTakeover is set for 'chat.example.com', which is not the apex of its dnsZoneName")]
    [InlineData("[ { name: 'example.com', apexTakeover: true } ]", "Parameter customDomains: apexTakeover is set for 'example.com', which is not the apex of its dnsZoneName")]
    public async Task Snapshot_InvalidCustomDomains_FailsNamingTheParameter(string customDomains, string expected)
    {
        var result = await Bicep.SnapshotAsync($"using 'main.bicep'\n\nparam customDomains = {customDomains}\n");

        Assert.True(result.Failed);
        Assert.Contains(expected, result.Failure, StringComparison.Ordinal);
        Assert.Contains("Rule: ", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_LongestValidName_Succeeds()
    {
        const string Suffix = ".xn--bcher-kva.example";
        var name = new string('a', 64 - Suffix.Length) + Suffix;

        var result = await Bicep.SnapshotAsync($"using 'main.bicep'\n\nparam customDomains = [ {{ name: '{name}' }}, {{ name: 'a-1.example' }} ]\n");

        Assert.False(result.Failed, result.Failure);
        Assert.Equal(2, result.OfType("Microsoft.Cdn/profiles/customDomains").Count);
    }

    [Fact]
    public async Task Snapshot_NumericLabelsBeforeTheLast_AreDnsNamesNotIpAddresses()
    {
        var result = await Bicep.SnapshotAsync("using 'main.bicep'\n\nparam customDomains = [ { name: '1.2.3.example' }, { name: '10.example' } ]\n");

        Assert.False(result.Failed, result.Failure);
        Assert.Equal(2, result.OfType("Microsoft.Cdn/profiles/customDomains").Count);
    }

    [Fact]
    public async Task Snapshot_NamesThatDifferOnlyInDotsAndHyphens_GetDistinctResourceNames()
    {
        var result = await Bicep.SnapshotAsync("using 'main.bicep'\n\nparam customDomains = [ { name: 'a-b.example' }, { name: 'a.b-example' } ]\n");

        var names = result.OfType("Microsoft.Cdn/profiles/customDomains").Select(SnapshotJson.LastNameSegment).ToList();

        Assert.False(result.Failed, result.Failure);
        Assert.Equal(2, names.Distinct().Count());
        Assert.All(names, n => Assert.StartsWith("a-b-example-", n, StringComparison.Ordinal));
    }
}
