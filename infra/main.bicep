// Serves /.well-known/matrix/* for many custom domains: a Flex Consumption function app reading one table with its
// managed identity, behind Azure Front Door, which holds the domains and their managed certificates.
targetScope = 'resourceGroup'

import { customDomainResourceName, dnsDeploymentName } from 'names.bicep'

@description('One custom domain that Front Door answers for.')
type customDomain = {
  @description('Host name, e.g. example.com or chat.example.org: lower-case letters, digits and hyphens in dot-separated labels, at most 64 characters (the limit of Front Door managed certificates).')
  name: string

  @description('Optional: an Azure DNS zone that holds the name (the name itself for an apex domain, or a parent); the template then creates the _dnsauth TXT record and, for a subdomain, a CNAME to Front Door. Precondition: the name holds no other records (A, AAAA, TXT, MX...), as a CNAME cannot coexist with them and the deployment would fail.')
  dnsZoneName: string?

  @description('Optional, apex domains in an Azure DNS zone only (dnsZoneName equal to name): true points the whole domain at Front Door with an alias A record. Front Door answers only /.well-known/matrix/*, so every other page of the domain (its website) then answers 404. Default false: only the _dnsauth TXT record is created, and the domain\'s own web server redirects or proxies /.well-known/matrix/* (docs/deploy.md).')
  apexTakeover: bool?

  @description('Optional: the resource group of that zone, when it is not this one.')
  dnsZoneResourceGroup: string?
}

@description('Azure region of the function app, storage and monitoring (Front Door is global).')
param location string = resourceGroup().location

@description('Short lower-case prefix for resource names; a token from the resource group makes them unique.')
@minLength(2)
@maxLength(8)
param namePrefix string = 'mxdeleg'

@description('The domains to serve, at least one. Front Door allows 100 custom domains per Standard profile and 500 per Premium one.')
param customDomains customDomain[]

@description('Front Door tier: Standard (up to 100 custom domains) or Premium (up to 500, adds WAF managed rules and Private Link; see enableWaf).')
@allowed([
  'Standard'
  'Premium'
])
param frontDoorTier string = 'Standard'

@description('Premium only: a WAF policy with Microsoft\'s managed rule sets (Default Rule Set 2.1, Bot Manager 1.1) in Prevention mode on every domain.')
param enableWaf bool = false

@description('Memory of each Flex Consumption instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 512

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Instances kept warm for the HTTP functions (0 = scale to zero; each one is billed while idle).')
@minValue(0)
@maxValue(20)
param alwaysReadyInstances int = 0

@description('max-age in seconds of a served document (Cache-Control, honoured by Front Door and federating servers): 300 to 172800.')
@minValue(300)
@maxValue(172800)
param documentMaxAgeSeconds int = 14400

@description('s-maxage in seconds of a served document: how long Front Door keeps it, so a changed row reaches the edge within minutes (federating servers ignore it and keep max-age). 60 to documentMaxAgeSeconds; 404s get at most their own max-age.')
@minValue(60)
@maxValue(172800)
param documentSharedMaxAgeSeconds int = 600

@description('Optional e-mail address alerted when a custom domain\'s validation state is not Approved (its certificate will not renew).')
param alertEmailAddress string = ''

@description('Optional object ID of a user, group or service principal that manages delegations: gets Storage Table Data Contributor.')
param adminPrincipalId string = ''

@description('Kind of principal adminPrincipalId names.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param adminPrincipalType string = 'User'

@description('Tags for every resource.')
param tags object = {}

@description('When the function app checks every delegation: a six-field cron expression in UTC (default once a day, 03:30).')
param checksSchedule string = '0 30 3 * * *'

@description('Optional e-mail address alerted when a scheduled check finds a failing domain.')
param checksAlertEmail string = ''

var token = uniqueString(resourceGroup().id)
var storageAccountName = take('st${namePrefix}${token}', 24)
var applicationInsightsName = 'appi-${namePrefix}-${token}'
var workspaceName = 'log-${namePrefix}-${token}'
var tableName = 'delegations'
var checksTableName = 'delegationchecks'
var appName = 'func-${namePrefix}-${token}'
var domainLimit = frontDoorTier == 'Premium' ? 500 : 100

func isDnsLabel(label string) bool =>
  length(label) >= 1 && length(label) <= 63 && !startsWith(label, '-') && !endsWith(label, '-') && empty(filter(
    range(0, length(label)),
    i => !contains('abcdefghijklmnopqrstuvwxyz0123456789-', substring(label, i, 1))
  ))

func isDnsName(name string) bool =>
  length(name) <= 253 && length(split(name, '.')) >= 2 && empty(filter(split(name, '.'), label => !isDnsLabel(label)))

func zoneHolds(zone string, name string) bool => name == zone || endsWith(name, '.${zone}')

// Names compared and created in lower case; invalid input fails the deployment before any resource is touched.
var requested = map(
  customDomains,
  d =>
    union(
      d,
      { name: toLower(d.name), dnsZoneName: toLower(d.?dnsZoneName ?? ''), apexTakeover: d.?apexTakeover ?? false }
    )
)
var requestedNames = map(requested, d => d.name)
var invalidNames = filter(requestedNames, n => !isDnsName(n))
var longNames = filter(requestedNames, n => length(n) > 64)
var misusedTakeovers = filter(requested, d => d.apexTakeover && d.dnsZoneName != d.name)
var duplicateNames = filter(union(requestedNames, []), n => length(filter(requestedNames, m => m == n)) > 1)
var misplacedZones = filter(requested, d => !empty(d.dnsZoneName) && !zoneHolds(d.dnsZoneName, d.name))
var domains = empty(requested)
  ? fail('Parameter customDomains is empty. Rule: at least one domain')
  : !empty(invalidNames)
      ? fail('Parameter customDomains: \'${join(invalidNames, '\', \'')}\' is not a DNS name. Rule: letters, digits and hyphens in dot-separated labels of 1 to 63 characters, at least two labels, no wildcard, no trailing dot, at most 253 characters')
      : !empty(longNames)
          ? fail('Parameter customDomains: \'${join(longNames, '\', \'')}\' is longer than 64 characters. Rule: Front Door managed certificates take host names of at most 64 characters')
          : !empty(duplicateNames)
              ? fail('Parameter customDomains lists \'${join(duplicateNames, '\', \'')}\' more than once. Rule: each domain once (names compare case-insensitively)')
              : !empty(misplacedZones)
                  ? fail('Parameter customDomains: the dnsZoneName of \'${join(map(misplacedZones, d => d.name), '\', \'')}\' does not hold that name. Rule: the zone is the domain itself (apex) or one of its parents')
                  : !empty(misusedTakeovers)
                      ? fail('Parameter customDomains: apexTakeover is set for \'${join(map(misusedTakeovers, d => d.name), '\', \'')}\', which is not the apex of its dnsZoneName. Rule: apexTakeover applies only to a domain whose dnsZoneName is the domain itself')
                      : length(requested) > domainLimit
                          ? fail('Parameter customDomains has ${length(requested)} entries, but a Front Door ${frontDoorTier} profile allows ${domainLimit} custom domains. Set frontDoorTier to Premium (up to 500), or split the domains over several deployments, each in its own resource group with its own profile')
                          : requested

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    workspaceName: workspaceName
    applicationInsightsName: applicationInsightsName
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: tags
    accountName: storageAccountName
    tableName: tableName
    deploymentContainerName: 'app-package'
  }
}

resource frontDoor 'Microsoft.Cdn/profiles@2024-02-01' = {
  name: 'afd-${namePrefix}-${token}'
  location: 'global'
  tags: tags
  sku: {
    name: '${frontDoorTier}_AzureFrontDoor'
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  params: {
    location: location
    tags: tags
    planName: 'plan-${namePrefix}-${token}'
    appName: appName
    storageAccountName: storageAccountName
    applicationInsightsName: applicationInsightsName
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    tableServiceUri: storage.outputs.tableServiceUri
    tableName: tableName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    frontDoorId: frontDoor.properties.frontDoorId
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyInstances: alwaysReadyInstances
    documentMaxAgeSeconds: documentMaxAgeSeconds
    documentSharedMaxAgeSeconds: documentSharedMaxAgeSeconds > documentMaxAgeSeconds
      ? fail('Parameter documentSharedMaxAgeSeconds is ${documentSharedMaxAgeSeconds}, above documentMaxAgeSeconds (${documentMaxAgeSeconds}). Rule: the edge keeps a document no longer than federating servers may (60 to documentMaxAgeSeconds)')
      : documentSharedMaxAgeSeconds
    adminPrincipalId: adminPrincipalId
    adminPrincipalType: adminPrincipalType
    checksSchedule: checksSchedule
    checksTableName: checksTableName
  }
}

module checks 'modules/checks.bicep' = {
  name: 'checks'
  dependsOn: [
    storage
    monitoring
    functionApp
  ]
  params: {
    location: location
    tags: tags
    storageAccountName: storageAccountName
    resultsTableName: checksTableName
    appName: appName
    applicationInsightsName: applicationInsightsName
    alertEmail: checksAlertEmail
  }
}

module frontDoorRouting 'modules/front-door.bicep' = {
  name: 'front-door'
  params: {
    profileName: frontDoor.name
    endpointName: 'fde-${namePrefix}-${token}'
    originHostName: functionApp.outputs.defaultHostName
    domains: map(domains, d => {
      name: d.name
      resourceName: customDomainResourceName(d.name)
      dnsZoneName: d.dnsZoneName
      dnsZoneResourceGroup: d.?dnsZoneResourceGroup ?? resourceGroup().name
    })
    enableWaf: enableWaf && frontDoorTier != 'Premium'
      ? fail('Parameter enableWaf is true, but frontDoorTier is ${frontDoorTier}. Rule: WAF managed rules need frontDoorTier Premium')
      : enableWaf
    wafPolicyName: 'waf${namePrefix}${token}'
  }
}

// Access logs (one line per request at the edge), health probe and WAF logs, and metrics, into the workspace.
resource frontDoorDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: frontDoor
  properties: {
    workspaceId: monitoring.outputs.workspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

module domainAlert 'modules/domain-alert.bicep' = {
  name: 'domain-alert'
  // The rule runs in the workspace, which it finds by name.
  dependsOn: [
    monitoring
  ]
  params: {
    location: location
    tags: tags
    alertName: 'alert-${namePrefix}-${token}-domain-validation'
    workspaceName: workspaceName
    profileId: frontDoor.id
    alertEmailAddress: alertEmailAddress
  }
}

module dnsRecords 'modules/dns-records.bicep' = [
  for (d, i) in domains: if (!empty(d.dnsZoneName)) {
    name: dnsDeploymentName(resourceGroup().id, d.name)
    scope: resourceGroup(d.?dnsZoneResourceGroup ?? resourceGroup().name)
    params: {
      zoneName: d.dnsZoneName
      domainName: d.name
      validationToken: frontDoorRouting.outputs.validationTokens[i]
      endpointId: frontDoorRouting.outputs.endpointId
      endpointHostName: frontDoorRouting.outputs.endpointHostName
      apexTakeover: d.apexTakeover
    }
  }
]

@description('Name of the function app, for eng/publish.sh.')
output functionAppName string = functionApp.outputs.appName

@description('Table endpoint for the delegation tool (--table-service-uri).')
output tableServiceUri string = storage.outputs.tableServiceUri

@description('Storage account that holds the delegations table.')
output storageAccountName string = storage.outputs.accountName

@description('Name of the Front Door profile (az afd ... --profile-name).')
output frontDoorProfileName string = frontDoor.name

@description('Name of the Front Door endpoint (az afd endpoint purge --endpoint-name).')
output frontDoorEndpointName string = frontDoorRouting.outputs.endpointName

@description('Front Door endpoint host name: the CNAME target of every subdomain.')
output frontDoorEndpointHostName string = frontDoorRouting.outputs.endpointHostName

@description('Per domain, the DNS records to create where the template did not create them (an apex in Azure DNS without apexTakeover gets only its TXT record).')
output dnsRecords array = [
  for (d, i) in domains: {
    domain: d.name
    customDomainName: customDomainResourceName(d.name)
    validationTxtName: '_dnsauth.${d.name}'
    validationTxtValue: frontDoorRouting.outputs.validationTokens[i]
    cnameName: d.name
    cnameTarget: frontDoorRouting.outputs.endpointHostName
    createdInAzureDns: !empty(d.dnsZoneName)
    apex: d.dnsZoneName == d.name
    apexTakeover: d.apexTakeover
  }
]
