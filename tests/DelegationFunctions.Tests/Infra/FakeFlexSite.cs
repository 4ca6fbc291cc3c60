using System.Text.Json.Nodes;

namespace Delegation.Tests.Infra;

/// <summary>
/// A Flex Consumption function app's <c>config/web</c> as Resource Manager serves and changes it: GET shows the
/// default action as an extra "Allow all"/"Deny all" entry at priority 2147483647, and a PATCH that names a site
/// setting Flex does not accept is refused whole with ARM's 51021 message, whatever the value (Azure/azure-cli#31414,
/// Azure/azure-functions-host#10643, Azure/terraform-azurerm-avm-res-web-site#345).
/// </summary>
internal sealed class FakeFlexSite
{
    private const int DefaultActionPriority = int.MaxValue;

    private readonly JsonObject _properties;
    private JsonArray _rules;

    private FakeFlexSite(string resourceGroup, string name, JsonObject properties)
    {
        ResourceGroup = resourceGroup;
        Name = name;
        _rules = (JsonArray)properties["ipSecurityRestrictions"]!.DeepClone();
        properties.Remove("ipSecurityRestrictions");
        _properties = properties;
    }

    public string ResourceGroup { get; }

    public string Name { get; }

    /// <summary>The site's rules now, without the default-action entry.</summary>
    public IReadOnlyList<JsonObject> Rules => [.. _rules.Select(rule => (JsonObject)rule!.DeepClone())];

    /// <summary>A site as infra/ deploys it with two Front Door shards: their rules, default action Deny.</summary>
    public static FakeFlexSite BehindFrontDoor(string resourceGroup, string name) => new(resourceGroup, name, FlexSiteConfigSamples.BehindFrontDoor());

    /// <summary>A site as infra/ deploys it with useFrontDoor=false: no rules, default action Allow.</summary>
    public static FakeFlexSite WithoutFrontDoor(string resourceGroup, string name) => new(resourceGroup, name, FlexSiteConfigSamples.WithoutFrontDoor());

    public void AddRule(JsonObject rule) => _rules.Add(rule.DeepClone());

    /// <summary>The answer to GET .../config/web.</summary>
    public JsonObject ConfigWeb()
    {
        var properties = (JsonObject)_properties.DeepClone();
        var deny = (string?)properties["ipSecurityRestrictionsDefaultAction"] == "Deny";
        var rules = (JsonArray)_rules.DeepClone();
        rules.Add(new JsonObject
        {
            ["ipAddress"] = "Any",
            ["action"] = deny ? "Deny" : "Allow",
            ["priority"] = DefaultActionPriority,
            ["name"] = deny ? "Deny all" : "Allow all",
            ["description"] = deny ? "Deny all access" : "Allow all access",
        });
        properties["ipSecurityRestrictions"] = rules;
        return new JsonObject
        {
            ["id"] = $"/subscriptions/{FakeAzureCli.SubscriptionId}/resourceGroups/{ResourceGroup}/providers/Microsoft.Web/sites/{Name}/config/web",
            ["name"] = Name,
            ["type"] = "Microsoft.Web/sites/config",
            ["location"] = "West Europe",
            ["properties"] = properties,
        };
    }

    /// <summary>Applies a PATCH of .../config/web; returns ARM's error message, or null when it was applied.</summary>
    public string? Patch(JsonNode? body)
    {
        if (body is not JsonObject { } resource || resource["properties"] is not JsonObject properties)
        {
            return "(BadRequest) The request content was invalid: a site config resource has a 'properties' object.";
        }

        var refused = properties.Select(p => p.Key)
            .Where(key => FlexRefusedSiteProperties.Names.Contains(key, StringComparer.OrdinalIgnoreCase))
            .Select(key => $"Site.SiteConfig.{char.ToUpperInvariant(key[0])}{key[1..]}")
            .ToList();
        if (refused.Count > 0)
        {
            return $"(BadRequest) The following list of {refused.Count} site configuration properties ({string.Join(", ", refused)}) " +
                "for Flex Consumption sites is invalid.  Please remove or rename them before retrying. Code: 51021";
        }

        foreach (var (key, value) in properties)
        {
            if (string.Equals(key, "ipSecurityRestrictions", StringComparison.OrdinalIgnoreCase))
            {
                if (value is not JsonArray rules || rules.Any(rule => rule is not JsonObject { } r || r["ipAddress"] is null || r["priority"] is null))
                {
                    return "(BadRequest) IpSecurityRestrictions: each rule needs an ipAddress and a priority.";
                }

                // The default-action entry is not a rule; Resource Manager derives it again.
                _rules = [.. rules.Where(rule => (string?)rule!["ipAddress"] != "Any").Select(rule => rule!.DeepClone())];
            }
            else
            {
                _properties[key] = value?.DeepClone();
            }
        }

        return null;
    }
}
