using System.Text.Json.Nodes;

namespace Delegation.Tests.Infra;

/// <summary>
/// The properties of a Flex Consumption app's config/web as a GET returns them, for the app infra/ deploys: the
/// settings Flex refuses to be written are there too (some null), which is what trips a read-modify-write of the
/// whole config.
/// </summary>
internal static class FlexSiteConfigSamples
{
    public const string FrontDoorId = "2b1f3c44-5d6e-4f70-8a91-b2c3d4e5f607";
    public const string SecondFrontDoorId = "9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a";

    private const string Common = """
        "numberOfWorkers": 1,
        "defaultDocuments": null,
        "netFrameworkVersion": "v4.0",
        "phpVersion": null,
        "pythonVersion": null,
        "nodeVersion": null,
        "powerShellVersion": null,
        "linuxFxVersion": "",
        "windowsFxVersion": null,
        "requestTracingEnabled": false,
        "remoteDebuggingEnabled": false,
        "httpLoggingEnabled": false,
        "acrUseManagedIdentityCreds": false,
        "logsDirectorySizeLimit": 35,
        "detailedErrorLoggingEnabled": false,
        "publishingUsername": null,
        "scmType": "None",
        "use32BitWorkerProcess": null,
        "webSocketsEnabled": false,
        "alwaysOn": false,
        "managedPipelineMode": "Integrated",
        "loadBalancing": "LeastRequests",
        "autoHealEnabled": false,
        "vnetRouteAllEnabled": false,
        "vnetPrivatePortsCount": 0,
        "publicNetworkAccess": null,
        "cors": null,
        "localMySqlEnabled": false,
        "scmIpSecurityRestrictions": [
          { "ipAddress": "Any", "action": "Allow", "priority": 2147483647, "name": "Allow all", "description": "Allow all access" }
        ],
        "scmIpSecurityRestrictionsDefaultAction": "Allow",
        "scmIpSecurityRestrictionsUseMain": false,
        "http20Enabled": true,
        "minTlsVersion": "1.2",
        "scmMinTlsVersion": "1.2",
        "ftpsState": null,
        "preWarmedInstanceCount": 0,
        "functionAppScaleLimit": 100,
        "functionsRuntimeScaleMonitoringEnabled": false,
        "minimumElasticInstanceCount": 0,
        "azureStorageAccounts": {}
        """;

    public static JsonObject BehindFrontDoor() => Parse($$"""
        {
          {{Common}},
          "ipSecurityRestrictionsDefaultAction": "Deny",
          "ipSecurityRestrictions": [
            {
              "ipAddress": "AzureFrontDoor.Backend",
              "action": "Allow",
              "tag": "ServiceTag",
              "priority": 100,
              "name": "AllowFrontDoor",
              "description": "Front Door profile of shard 0 reaches the app.",
              "headers": { "x-azure-fdid": [ "{{FrontDoorId}}" ] }
            },
            {
              "ipAddress": "AzureFrontDoor.Backend",
              "action": "Allow",
              "tag": "ServiceTag",
              "priority": 101,
              "name": "AllowFrontDoor1",
              "description": "Front Door profile of shard 1 reaches the app.",
              "headers": { "x-azure-fdid": [ "{{SecondFrontDoorId}}" ] }
            }
          ]
        }
        """);

    public static JsonObject WithoutFrontDoor() => Parse($$"""
        {
          {{Common}},
          "ipSecurityRestrictionsDefaultAction": "Allow",
          "ipSecurityRestrictions": []
        }
        """);

    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;
}
