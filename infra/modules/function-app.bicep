// The Flex Consumption plan and function app: .NET 10 isolated worker, system-assigned identity, identity-based host
// storage, a site that admits only its Front Door profiles (or, deployed without Front Door, everyone; the deployment site
// stays open for publishing), and the roles of that identity. main.bicep deploys it once per region: a second region's
// app has host storage of its own in its region and reads the one delegations table of the primary region.

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the function app.')
param appName string

@description('Storage account for the host (AzureWebJobsStorage, through the identity), in the app\'s region.')
param storageAccountName string

@description('Storage account that holds the delegations table (the primary region\'s; the same as storageAccountName there).')
param tableStorageAccountName string

@description('URL of the blob container that holds the deployment package.')
param deploymentContainerUrl string

@description('Table service endpoint the app reads delegations from.')
param tableServiceUri string

@description('The table service\'s read-access secondary endpoint (https://<account>-secondary.table...), read when the primary fails; empty when the account has no read access to its secondary.')
param secondaryTableServiceUri string

@description('Name of the delegations table.')
param tableName string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('The Front Door profile IDs (FDIDs), one per shard, of which requests must carry one in X-Azure-FDID; empty for a deployment without Front Door, which then admits everyone.')
param frontDoorIds string[]

@description('True when Front Door probes the app (two regions): its health probes are admitted by X-FD-HealthProbe as well, since Learn does not say that they carry X-Azure-FDID.')
param healthProbed bool = false

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Optional object ID of the delegations admin; empty for none.')
param adminPrincipalId string

@description('Kind of principal adminPrincipalId names.')
param adminPrincipalType string

@description('Memory of each instance in MB.')
param instanceMemoryMB int

@description('Most instances the app scales out to.')
param maximumInstanceCount int

@description('Instances kept warm for the HTTP functions.')
param alwaysReadyInstances int

@description('max-age in seconds of a served document.')
param documentMaxAgeSeconds int

@description('s-maxage in seconds of a served document (Front Door\'s lifetime).')
param documentSharedMaxAgeSeconds int

@description('Six-field cron expression of the scheduled delegation checks (UTC).')
param checksSchedule string

@description('Name of the table the scheduled checks record results in.')
param checksTableName string

@description('Whether this app runs the scheduled checks; a second region\'s app does not, so each domain is checked once per run.')
param runsScheduledChecks bool

// One rule per profile (a rule's x-azure-fdid takes up to 8 values; one each keeps the rule named after its shard).
var frontDoorRules = [
  for (id, shard) in frontDoorIds: {
    name: shard == 0 ? 'AllowFrontDoor' : 'AllowFrontDoor${shard}'
    description: 'Front Door profile of shard ${shard} reaches the app.'
    action: 'Allow'
    priority: 100 + shard
    tag: 'ServiceTag'
    ipAddress: 'AzureFrontDoor.Backend'
    headers: {
      'x-azure-fdid': [
        id
      ]
    }
  }
]

// Front Door's health probes carry X-FD-HealthProbe: 1; Learn does not say that they carry X-Azure-FDID
// (learn.microsoft.com/azure/frontdoor/health-probes names only their User-Agent). Front Door removes X-FD-* headers
// that clients send (learn.microsoft.com/azure/frontdoor/front-door-http-headers-protocol), so this admits probes only,
// of any profile; the app answers such a request only at /healthz unless it carries one of our IDs
// (RequestedHost.IsOtherProfilesProbe; docs/reference.md, "Routes").
var healthProbeRules = healthProbed && !empty(frontDoorIds)
  ? [
      {
        name: 'AllowFrontDoorHealthProbe'
        description: 'Front Door health probes reach the app; it answers them only at /healthz.'
        action: 'Allow'
        priority: 200
        tag: 'ServiceTag'
        ipAddress: 'AzureFrontDoor.Backend'
        headers: {
          'x-fd-healthprobe': [
            '1'
          ]
        }
      }
    ]
  : []

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReadyInstances > 0
          ? [
              {
                name: 'http'
                instanceCount: alwaysReadyInstances
              }
            ]
          : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    // Flex Consumption refuses some site settings with ARM error 51021 ("... for Flex Consumption sites is invalid"),
    // here and in any later write of the site config: FtpsState, Use32BitWorkerProcess, NetFrameworkVersion and
    // FunctionsRuntimeScaleMonitoringEnabled (microsoft/azure-pipelines-tasks#21032), PreWarmedInstanceCount
    // (Azure/azure-cli#31414), LinuxFxVersion (Azure/terraform-azurerm-avm-res-web-site#283), FunctionAppScaleLimit
    // (Azure/azure-functions-host#10643); Learn says the same of many settings ("Deprecated properties and settings",
    // learn.microsoft.com/azure/azure-functions/flex-consumption-plan). So none of them is set: the runtime lives in
    // functionAppConfig, and FTP stays off through the ftp basicPublishingCredentialsPolicies below. Microsoft's Flex
    // templates set no TLS or HTTP version (Azure-Samples/azure-functions-flex-consumption-samples IaC/bicep/main.bicep,
    // Azure-Samples/functions-quickstart-dotnet-azd infra/app/api.bicep); the three below are accepted: the write refused
    // in azure-cli#31414 carried the whole config that access-restriction add had read, these three included, and ARM
    // named only five other properties. FlexSiteConfigSnapshotTests keeps every refused name out of the site and its
    // config resources.
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      // Without Front Door the app's own host name serves path mode to everyone.
      ipSecurityRestrictionsDefaultAction: empty(frontDoorIds) ? 'Allow' : 'Deny'
      ipSecurityRestrictions: concat(frontDoorRules, healthProbeRules)
      // Publishing goes to the deployment (SCM) site with an Entra token; it keeps its own, open rules.
      scmIpSecurityRestrictionsUseMain: false
      scmIpSecurityRestrictionsDefaultAction: 'Allow'
      appSettings: [
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storageAccountName
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: applicationInsightsConnectionString
        }
        {
          // The host's own telemetry authenticates with the identity too (the component refuses keys).
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'Authorization=AAD'
        }
        {
          name: 'DelegationStorage__tableServiceUri'
          value: tableServiceUri
        }
        {
          name: 'DelegationTable'
          value: tableName
        }
        {
          // Any one of them admits X-Delegation-Host (docs/reference.md, "Which domain is asked for"); empty without
          // Front Door.
          name: 'FrontDoorId'
          value: join(frontDoorIds, ',')
        }
        {
          name: 'Delegation__MaxAgeSeconds'
          value: string(documentMaxAgeSeconds)
        }
        {
          name: 'Delegation__SharedMaxAgeSeconds'
          value: string(documentSharedMaxAgeSeconds)
        }
        {
          name: 'DelegationChecksSchedule'
          value: checksSchedule
        }
        {
          name: 'DelegationChecks__Table'
          value: checksTableName
        }
        {
          // Read when the primary endpoint fails; empty for none. Every setting is always present, so the list stays
          // one literal array (a concatenated one would be a single expression to ARM and to bicep snapshot).
          name: 'DelegationStorageSecondary__tableServiceUri'
          value: secondaryTableServiceUri
        }
        {
          // The timer stays indexed (its schedule is set) but does not fire where this is true
          // (learn.microsoft.com/azure/azure-functions/disable-function).
          name: 'AzureWebJobs.CheckDelegations.Disabled'
          value: runsScheduledChecks ? 'false' : 'true'
        }
      ]
    }
  }
}

resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

// Data-plane roles: the app reads the delegations table only, the host gets what it needs on blobs, the app publishes
// telemetry, and an optional admin edits delegations. An HTTP-only app needs no queue role ("No extension (host only):
// Storage Blob Data Owner", MicrosoftDocs/azure-docs includes/functions-azurewebjobsstorage-permissions.md). Names use
// the app's resource ID, which is known before deployment, in place of its principal ID, which is not.
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageTableDataReader: '76199698-9eea-4c19-bc75-cec21354c6b6'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource tableAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: tableStorageAccountName

  resource tableService 'tableServices' existing = {
    name: 'default'

    resource table 'tables' existing = {
      name: tableName
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Storage Blob Data Owner: the host's locks and keys, and the deployment package container.
resource hostBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, app.id, roles.storageBlobDataOwner)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Storage Table Data Reader on the delegations table only: the app never writes. The read-access secondary endpoint
// is an endpoint of the same account, so the same table resource and this same assignment authorize reads there.
resource appTable 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(tableAccount::tableService::table.id, app.id, roles.storageTableDataReader)
  scope: tableAccount::tableService::table
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataReader)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Monitoring Metrics Publisher: telemetry with an Entra token, as the component refuses keys.
resource appTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, app.id, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.monitoringMetricsPublisher
    )
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Storage Table Data Contributor for the admin, on the account: `delegation set` creates the table when it is missing,
// which a role scoped to the table alone does not allow.
resource adminTable 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(adminPrincipalId)) {
  name: guid(tableAccount.id, adminPrincipalId, roles.storageTableDataContributor)
  scope: tableAccount
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.storageTableDataContributor
    )
    principalId: adminPrincipalId
    principalType: adminPrincipalType
  }
}

@description('Name of the function app.')
output appName string = app.name

@description('Default host name: the Front Door origin, or without Front Door the path-mode host.')
output defaultHostName string = app.properties.defaultHostName

@description('Object ID of the app\'s system-assigned identity.')
output principalId string = app.identity.principalId
