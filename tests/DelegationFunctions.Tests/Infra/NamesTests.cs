namespace Delegation.Tests.Infra;

/// <summary>The names infra/names.bicep derives from a domain, evaluated by <c>bicep snapshot</c>.</summary>
public sealed class NamesTests
{
    private const string Probe = """
        import { customDomainResourceName, dnsDeploymentName } from 'names.bicep'

        @description('Domains to name.')
        param names string[]

        @description('Resource group IDs to name them for.')
        param resourceGroupIds string[]

        @description('Custom domain resource names, in the order of names.')
        output domains string[] = map(names, n => customDomainResourceName(n))

        @description('DNS deployment names, for each resource group then each name.')
        output deployments string[] = flatten(map(resourceGroupIds, g => map(names, n => dnsDeploymentName(g, n))))
        """;

    [Fact]
    public async Task DnsDeploymentName_SameZoneGroupFromTwoDeployments_Differs()
    {
        var result = await EvaluateAsync(["example.com", "a-b.example", "a.b-example"], ["/subscriptions/s/resourceGroups/one", "/subscriptions/s/resourceGroups/two"]);

        var deployments = Strings(result, "deployments");

        Assert.Equal(6, deployments.Distinct().Count());
        Assert.All(deployments, d => Assert.Matches(@"^dns-[a-z0-9.-]{1,40}-[a-z0-9]{13}$", d));
    }

    [Fact]
    public async Task DnsDeploymentName_LongDomain_StaysWithinTheDeploymentNameLimit()
    {
        var result = await EvaluateAsync([new string('a', 55) + ".example"], ["/subscriptions/s/resourceGroups/one"]);

        var deployment = Assert.Single(Strings(result, "deployments"));

        Assert.True(deployment.Length <= 64, deployment);
    }

    [Fact]
    public async Task CustomDomainResourceName_NamesThatReplaceToTheSameText_Differ()
    {
        var result = await EvaluateAsync(["a-b.example", "a.b-example"], ["/subscriptions/s/resourceGroups/one"]);

        var domains = Strings(result, "domains");

        Assert.NotEqual(domains[0], domains[1]);
        Assert.All(domains, d => Assert.Matches("^a-b-example-[a-z0-9]{13}$", d));
    }

    private static async Task<SnapshotResult> EvaluateAsync(string[] names, string[] resourceGroupIds)
    {
        static string List(string[] values) => "[" + string.Join(", ", values.Select(v => $"'{v}'")) + "]";
        var parameters = $"using 'names-probe.bicep'\n\nparam names = {List(names)}\n\nparam resourceGroupIds = {List(resourceGroupIds)}\n";

        var result = await Bicep.SnapshotAsync(parameters, ("names-probe.bicep", Probe));

        Assert.False(result.Failed, result.Failure);
        return result;
    }

    private static List<string> Strings(SnapshotResult result, string output) =>
        result.Snapshot!.RootElement.GetProperty("outputs").GetProperty(output).EnumerateArray().Select(e => e.GetString()!).ToList();
}
