namespace Delegation.Tests.Infra;

/// <summary>What Front Door adds to each request, how it is protected, and where its logs go.</summary>
public sealed class FrontDoorSnapshotTests(ExampleSnapshotFixture fixture) : IClassFixture<ExampleSnapshotFixture>
{
    private SnapshotResult Example => fixture.Example;

    [Fact]
    public void Route_Example_UsesTheDelegationHostRuleSet()
    {
        var ruleSet = Example.Single("Microsoft.Cdn/profiles/ruleSets");
        var route = Example.Single("Microsoft.Cdn/profiles/afdEndpoints/routes").Properties();

        var attached = route.GetProperty("ruleSets").EnumerateArray().Select(r => r.GetProperty("id").GetString());

        Assert.Equal([ruleSet.Id()], attached);
    }

    [Fact]
    public void RuleSet_Example_OverwritesXDelegationHostWithTheClientsHostOnEveryRequest()
    {
        var ruleSet = Example.Single("Microsoft.Cdn/profiles/ruleSets");
        var rule = Example.Single("Microsoft.Cdn/profiles/ruleSets/rules");

        var action = Assert.Single(rule.Properties().GetProperty("actions").EnumerateArray());
        var parameters = action.GetProperty("parameters");

        Assert.StartsWith(ruleSet.GetProperty("name").GetString() + "/", rule.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, rule.Properties().GetProperty("conditions").GetArrayLength());
        Assert.Equal("ModifyRequestHeader", action.GetProperty("name").GetString());
        Assert.Equal("DeliveryRuleHeaderActionParameters", parameters.GetProperty("typeName").GetString());
        Assert.Equal("Overwrite", parameters.GetProperty("headerAction").GetString());
        Assert.Equal("X-Delegation-Host", parameters.GetProperty("headerName").GetString());
        Assert.Equal("{hostname}", parameters.GetProperty("value").GetString());
    }

    [Fact]
    public void Waf_Example_IsNotCreated()
    {
        Assert.Empty(Example.OfType("Microsoft.Network/FrontDoorWebApplicationFirewallPolicies"));
        Assert.Empty(Example.OfType("Microsoft.Cdn/profiles/securityPolicies"));
    }

    [Fact]
    public void Waf_EnabledOnPremium_PreventsWithManagedRulesOnEveryDomain()
    {
        var policy = fixture.Variant.Single("Microsoft.Network/FrontDoorWebApplicationFirewallPolicies");
        var security = fixture.Variant.Single("Microsoft.Cdn/profiles/securityPolicies").Properties().GetProperty("parameters");
        var domains = fixture.Variant.OfType("Microsoft.Cdn/profiles/customDomains").Select(d => d.Id());

        var association = Assert.Single(security.GetProperty("associations").EnumerateArray());
        var ruleSets = policy.Properties().GetProperty("managedRules").GetProperty("managedRuleSets").EnumerateArray().Select(r => r.GetProperty("ruleSetType").GetString());

        Assert.Equal("Premium_AzureFrontDoor", policy.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("Prevention", policy.Properties().GetProperty("policySettings").GetProperty("mode").GetString());
        Assert.Contains("Microsoft_DefaultRuleSet", ruleSets);
        Assert.Equal("WebApplicationFirewall", security.GetProperty("type").GetString());
        Assert.Equal(policy.Id(), security.GetProperty("wafPolicy").GetProperty("id").GetString());
        Assert.Equal(domains.Order(), association.GetProperty("domains").EnumerateArray().Select(d => d.GetProperty("id").GetString()!).Order());
    }

    [Fact]
    public void Diagnostics_Example_SendAllFrontDoorLogsToTheWorkspace()
    {
        var profile = Example.Single("Microsoft.Cdn/profiles").Id();
        var workspace = Example.Single("Microsoft.OperationalInsights/workspaces").Id();

        var setting = Example.Single("Microsoft.Insights/diagnosticSettings");
        var logs = Assert.Single(setting.Properties().GetProperty("logs").EnumerateArray());

        Assert.StartsWith(profile + "/providers/Microsoft.Insights/diagnosticSettings/", setting.Id(), StringComparison.Ordinal);
        Assert.Equal(workspace, setting.Properties().GetProperty("workspaceId").GetString());
        Assert.Equal("allLogs", logs.GetProperty("categoryGroup").GetString());
        Assert.True(logs.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public void CustomDomains_Example_AreNamedByHostNameAndHash()
    {
        var names = Example.OfType("Microsoft.Cdn/profiles/customDomains").Select(SnapshotJson.LastNameSegment);

        Assert.All(names, n => Assert.Matches("^(example-com|chat-example-org)-[a-z0-9]{13}$", n));
    }
}
