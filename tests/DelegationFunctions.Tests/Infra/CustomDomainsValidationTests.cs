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
    [InlineData("[ { name: 'example.com' }, { name: 'chat.example.com' }, { name: 'Example.com' } ]", "Parameter customDomains lists 'example.com' more than once")]
    [InlineData("[ { name: 'chat.example.com', dnsZoneName: 'example.org' } ]", "Parameter customDomains: the dnsZoneName of 'chat.example.com' does not hold that name")]
    [InlineData("[ { name: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example' } ]", "Parameter customDomains: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example' is longer than 64 characters")]
    [InlineData("[ { name: 'chat.example.com', dnsZoneName: 'example.com', apexTakeover: true } ]", "Parameter customDomains: apexTakeover is set for 'chat.example.com', which is not the apex of its dnsZoneName")]
    [InlineData("[ { name: 'example.com', apexTakeover: true } ]", "Parameter customDomains: apexTakeover is set for 'example.com', which is not the apex of its dnsZoneName")]
    public async Task Snapshot_InvalidCustomDomains_FailsNamingTheParameter(string customDomains, string expected)
    {
        var result = await Bicep.SnapshotAsync($"using 'main.bicep'\n\nparam customDomains = {customDomains}\n");

        Assert.NotEqual(0, result.Run.ExitCode);
        Assert.Contains(expected, result.Run.AllOutput, StringComparison.Ordinal);
        Assert.Contains("Rule: ", result.Run.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_LongestValidName_Succeeds()
    {
        const string Suffix = ".xn--bcher-kva.example";
        var name = new string('a', 64 - Suffix.Length) + Suffix;

        var result = await Bicep.SnapshotAsync($"using 'main.bicep'\n\nparam customDomains = [ {{ name: '{name}' }}, {{ name: 'a-1.example' }} ]\n");

        Assert.True(result.Run.ExitCode == 0, result.Run.AllOutput);
        Assert.Equal(2, result.OfType("Microsoft.Cdn/profiles/customDomains").Count);
    }

    [Fact]
    public async Task Snapshot_NamesThatDifferOnlyInDotsAndHyphens_GetDistinctResourceNames()
    {
        var result = await Bicep.SnapshotAsync("using 'main.bicep'\n\nparam customDomains = [ { name: 'a-b.example' }, { name: 'a.b-example' } ]\n");

        var names = result.OfType("Microsoft.Cdn/profiles/customDomains").Select(SnapshotJson.LastNameSegment).ToList();

        Assert.True(result.Run.ExitCode == 0, result.Run.AllOutput);
        Assert.Equal(2, names.Distinct().Count());
        Assert.All(names, n => Assert.StartsWith("a-b-example-", n, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Standard", 100)]
    [InlineData("Premium", 500)]
    public async Task Snapshot_DomainsUpToTheTierLimit_Succeeds(string tier, int count)
    {
        var result = await Bicep.SnapshotAsync(Parameters(tier, count));

        Assert.True(result.Run.ExitCode == 0, result.Run.AllOutput);
        Assert.Equal(count, result.OfType("Microsoft.Cdn/profiles/customDomains").Count);
    }

    [Fact]
    public async Task Snapshot_MoreDomainsThanStandardAllows_FailsSuggestingPremium()
    {
        var result = await Bicep.SnapshotAsync(Parameters("Standard", 101));

        Assert.NotEqual(0, result.Run.ExitCode);
        Assert.Contains("Parameter customDomains has 101 entries in shard 0, but a Front Door Standard profile allows 100 custom domains", result.Run.AllOutput, StringComparison.Ordinal);
        Assert.Contains("Set frontDoorTier to Premium", result.Run.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_MoreDomainsThanPremiumAllows_FailsSuggestingTheNextShard()
    {
        var result = await Bicep.SnapshotAsync(Parameters("Premium", 501));

        Assert.NotEqual(0, result.Run.ExitCode);
        Assert.Contains("Parameter customDomains has 501 entries in shard 0, but a Front Door Premium profile allows 500 custom domains", result.Run.AllOutput, StringComparison.Ordinal);
        Assert.Contains("Give the domains you add shard: 1 (each shard is its own profile)", result.Run.AllOutput, StringComparison.Ordinal);
    }

    private static string Parameters(string tier, int count) =>
        $"using 'main.bicep'\n\nparam frontDoorTier = '{tier}'\n\nparam customDomains = [\n"
        + string.Concat(Enumerable.Range(0, count).Select(i => $"  {{ name: 'd{i}.example.com' }}\n"))
        + "]\n";
}
