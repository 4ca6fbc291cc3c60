using System.Text.Json;

namespace Delegation.Tests.Infra;

/// <summary>
/// The site settings Flex Consumption refuses with ARM error 51021, and a walk over every site and site config resource
/// of a snapshot that finds them whatever their casing (the sources are named in infra/modules/function-app.bicep).
/// </summary>
internal static class FlexRefusedSiteProperties
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "FtpsState",
        "Use32BitWorkerProcess",
        "NetFrameworkVersion",
        "FunctionsRuntimeScaleMonitoringEnabled",
        "PreWarmedInstanceCount",
        "LinuxFxVersion",
        "FunctionAppScaleLimit",
    ];

    /// <summary>Every site setting the snapshot sets: siteConfig of each site, properties of each site config resource.</summary>
    public static IReadOnlyList<SiteSetting> SettingsOf(SnapshotResult snapshot) =>
        snapshot.Resources.SelectMany(SettingsOfResource).ToList();

    /// <summary>The settings among <see cref="SettingsOf(SnapshotResult)"/> that Flex Consumption refuses.</summary>
    public static IReadOnlyList<SiteSetting> RefusedIn(SnapshotResult snapshot) =>
        SettingsOf(snapshot).Where(s => Names.Contains(s.Name, StringComparer.OrdinalIgnoreCase)).ToList();

    private static List<SiteSetting> SettingsOfResource(JsonElement resource)
    {
        var type = resource.GetProperty("type").GetString();
        var settings = string.Equals(type, "Microsoft.Web/sites", StringComparison.OrdinalIgnoreCase)
            ? PropertyOrNull(PropertyOrNull(resource, "properties"), "siteConfig")
            : string.Equals(type, "Microsoft.Web/sites/config", StringComparison.OrdinalIgnoreCase)
                ? PropertyOrNull(resource, "properties")
                : null;
        return settings is { ValueKind: JsonValueKind.Object } found
            ? found.EnumerateObject().Select(p => new SiteSetting(resource.Id(), p.Name)).ToList()
            : [];
    }

    private static JsonElement? PropertyOrNull(JsonElement? element, string name)
    {
        if (element is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        // ARM property names compare case-insensitively, so a template may spell them either way.
        foreach (var property in value.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    internal sealed record SiteSetting(string ResourceId, string Name);
}
