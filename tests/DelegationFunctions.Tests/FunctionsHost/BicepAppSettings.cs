using System.Text.Json;
using Delegation.Tests.Infra;

namespace Delegation.Tests.FunctionsHost;

/// <summary>The function app's settings exactly as infra/ gives them to the site, with local stand-ins where ARM computes a value.</summary>
internal static class BicepAppSettings
{
    /// <summary>
    /// The site's app settings from a snapshot of infra/main.bicepparam. Values ARM computes at deployment are replaced
    /// by local stand-ins (<paramref name="standIns"/> over the defaults here); a new computed setting fails here until
    /// it gets one, so the tests follow the template.
    /// </summary>
    public static async Task<Dictionary<string, string>> LoadAsync(IReadOnlyDictionary<string, string>? standIns = null)
    {
        var computed = new Dictionary<string, string>
        {
            ["FrontDoorId"] = FunctionAppUnderHost.OurFrontDoorId,
            ["DelegationStorage__tableServiceUri"] = $"https://127.0.0.1:{ReservedPorts.RefusingTcp}/devstoreaccount1",
            ["AzureWebJobsStorage__accountName"] = "stdelegationlocal",
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = $"InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:{ReservedPorts.RefusingTcp}/",
        };
        foreach (var (name, value) in standIns ?? new Dictionary<string, string>())
        {
            computed[name] = value;
        }

        var snapshot = await Bicep.SnapshotAsync(Bicep.ExampleParameters());
        var settings = new Dictionary<string, string>();
        foreach (var setting in snapshot.Single("Microsoft.Web/sites").GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray())
        {
            var name = setting.GetProperty("name").GetString()!;
            var value = setting.GetProperty("value");
            settings[name] = value.ValueKind == JsonValueKind.String && value.GetString()!.StartsWith('[')
                ? computed.TryGetValue(name, out var standIn) ? standIn : throw new InvalidOperationException($"App setting {name} is computed at deployment ({value}); give it a local stand-in here.")
                : value.ToString();
        }

        return settings;
    }
}
