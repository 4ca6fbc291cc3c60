// Serves /.well-known/matrix/* for many domains: a Flex Consumption function app reading one table with its managed
// identity, behind Azure Front Door (as many profiles as the domains need), which holds the custom domains, their managed
// certificates and optionally the provider's own host for path mode; or, without Front Door, path mode on the app's own
// host name.
targetScope = 'resourceGroup'

import { customDomainResourceName, shardName } from 'names.bicep'

@description('One custom domain that Front Door answers for.')
type customDomain = {
  @description('Host name, e.g. example.com or chat.example.org: letters, digits and hyphens in dot-separated labels, at most 64 characters (the limit of Front Door managed certificates). Not an IP address; a Unicode name as its A-label (xn--...).')
  name: string

  @description('Optional: an Azure DNS zone that holds the name (the name itself for an apex domain, or a parent); the template then creates the _dnsauth TXT record and, for a subdomain, a CNAME to Front Door. Precondition: the name holds no other records (A, AAAA, TXT, MX...), as a CNAME cannot coexist with them and the deployment would fail.')
  dnsZoneName: string?

  @description('Optional, apex domains in an Azure DNS zone only (dnsZoneName equal to name): true points the whole domain at Front Door with an alias A record. Front Door answers only /.well-known/matrix/*, so every other page of the domain (its website) then answers 404. Default false: only the _dnsauth TXT record is created, and the domain\'s own web server redirects or proxies /.well-known/matrix/* (docs/deploy.md).')
  apexTakeover: bool?

  @description('Optional: the resource group of that zone, when it is not this one.')
  dnsZoneResourceGroup: string?

  @description('Optional Front Door shard (profile) that holds the domain, from 0; default 0. A profile holds 100 custom domains on Standard and 500 on Premium, and providerHostName is one of shard 0\'s: when a shard is full, give the domains you add the next shard, and so on. The shard is written down, never computed, so adding or removing a domain never moves another one to another profile (which would change its CNAME target and reissue its certificate).')
  @minValue(0)
  shard: int?
}

@description('Azure region of the function app, storage and monitoring (Front Door is global).')
param location string = resourceGroup().location

@description('Optional second Azure region, e.g. northeurope: a second Flex Consumption app there (with its own plan, identity and host storage), reading the same table; Front Door sends each request to either app and stops sending to one that fails its health probe. The storage account becomes read-access geo-redundant and both apps read its secondary endpoint when the primary fails. Empty: a single region. Needs useFrontDoor (docs/deploy.md, "Two regions").')
param secondaryLocation string = ''

@description('true makes the storage account read-access geo-redundant in a single region too (RA-GZRS where location offers GZRS, else RA-GRS): the app then reads the paired region\'s copy of the table when the primary fails. Implied by secondaryLocation. Changing an existing account\'s redundancy is a conversion (docs/deploy.md, "Two regions").')
param readAccessGeoRedundant bool = false

@description('Optional, with readAccessGeoRedundant or secondaryLocation: Standard_RAGZRS or Standard_RAGRS, overriding the template\'s list of the regions that offer GZRS (when Azure adds a region to it, or to choose RA-GRS). Empty: chosen by that list.')
@allowed([
  ''
  'Standard_RAGZRS'
  'Standard_RAGRS'
])
param geoRedundantStorageSku string = ''

@description('With secondaryLocation: seconds between two health probes from one Front Door edge location to one app, 5 to 255. Every edge location probes, so a shorter interval notices a failed region sooner and costs more executions (docs/deploy.md, "Two regions").')
@minValue(5)
@maxValue(255)
param healthProbeIntervalSeconds int = 100

@description('Short prefix for resource names, 2 to 8 lower-case letters and digits: it is part of the storage account name (st<prefix><token>: 3 to 24 lower-case letters and digits) and of the WAF policy name (waf<prefix><token>: letters and digits). A token from the resource group makes the names unique.')
@minLength(2)
@maxLength(8)
param namePrefix string = 'mxdeleg'

@description('The domains Front Door serves in full (host mode, each with its own managed certificate), at least one unless providerHostName is set. Each Front Door profile (shard) holds 100 custom domains on Standard and 500 on Premium, providerHostName counting as one of shard 0\'s; the field shard of each entry says which (default 0; docs/deploy.md, "More domains than one profile holds").')
param customDomains customDomain[] = []

@description('Optional: the provider\'s own host name for path mode, e.g. delegation.provider.example. Front Door serves it with one managed certificate and a route for /*, so a customer redirects https://example.com/.well-known/matrix/server to https://<this host>/example.com/.well-known/matrix/server and needs no certificate of their own here. Dedicate the name to delegation: its DNS points at Front Door. It is a custom domain of shard 0\'s profile, which then holds one domain of customDomains fewer.')
param providerHostName string = ''

@description('Optional: an Azure DNS zone that holds providerHostName (the name itself or a parent); the template then creates its _dnsauth TXT record and its CNAME (or, for an apex, alias A record) to Front Door.')
param providerHostDnsZoneName string = ''

@description('Optional: the resource group of that zone, when it is not this one.')
param providerHostDnsZoneResourceGroup string = ''

@description('false deploys no Front Door at all: path mode only, on the function app\'s own *.azurewebsites.net name with the platform\'s certificate (https://<app>.azurewebsites.net/example.com/.well-known/matrix/server), no access restriction, no edge cache. Then customDomains and providerHostName stay empty. Compare the two in docs/deploy.md, "With or without Front Door".')
param useFrontDoor bool = true

@description('Front Door tier of every profile: Standard (up to 100 custom domains per profile) or Premium (up to 500 per profile, adds WAF managed rules and Private Link; see enableWaf). A Premium profile\'s base fee is about 9 times a Standard one\'s for 5 times the domains, so more domains alone are cheaper as another Standard shard (docs/deploy.md, "What the profiles cost").')
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

// Flex Consumption takes 40 to 1000 for dotnet-isolated: Core Tools' stacks.json (Azure/azure-functions-core-tools,
// src/Cli/func/StaticResources/stacks.json) gives FC1 .NET 10 isolated lowestMaximumInstanceCount 40 and
// highestMaximumInstanceCount 1000, and Microsoft's Flex samples (Azure-Samples/azure-functions-flex-consumption-samples,
// IaC/bicep/main.bicep) declare @minValue(40) @maxValue(1000). Lower values were a preview in a few regions only.
@description('Most instances the app scales out to: 40 (the Flex Consumption floor for dotnet-isolated) to 1000.')
@minValue(40)
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

@description('Optional e-mail address alerted when a scheduled check finds a failing domain, and when no scheduled run has finished for 26 hours.')
param checksAlertEmail string = ''

func consistsOf(text string, characters string) bool =>
  empty(filter(range(0, length(text)), i => !contains(characters, substring(text, i, 1))))

// The prefix goes into every name, among them the storage accounts' (3 to 24 lower-case letters and digits) and the WAF
// policy's (letters and digits, starting with a letter, at most 128): st<prefix><token>, the second region's
// st<prefix><token>2 and waf<prefix><token><shard> are 15 to 23, 16 to 24 and 18 to 27 characters with a prefix of 2 to
// 8 lower-case letters and digits.
var prefix = consistsOf(namePrefix, 'abcdefghijklmnopqrstuvwxyz0123456789')
  ? namePrefix
  : fail('Parameter namePrefix \'${namePrefix}\' holds a character other than a lower-case letter or digit. Rule: 2 to 8 lower-case letters (a-z) and digits, as the prefix is part of the storage account name (3 to 24 lower-case letters and digits) and of the WAF policy name (letters and digits only); e.g. \'mxdeleg\'')
var token = uniqueString(resourceGroup().id)
var storageAccountName = 'st${prefix}${token}'
var applicationInsightsName = 'appi-${prefix}-${token}'
var workspaceName = 'log-${prefix}-${token}'
var tableName = 'delegations'
var checksTableName = 'delegationchecks'
var appName = 'func-${prefix}-${token}'
// The second region's resources; its app keeps its name within 32 characters, the part the Functions host takes for its
// host ID, so the two apps never share one.
var secondaryAppName = 'func-${prefix}-${token}-2'
var secondaryStorageAccountName = 'st${prefix}${token}2'
var domainLimit = frontDoorTier == 'Premium' ? 500 : 100

func isDnsLabel(label string) bool =>
  length(label) >= 1 && length(label) <= 63 && !startsWith(label, '-') && !endsWith(label, '-') && consistsOf(
    label,
    'abcdefghijklmnopqrstuvwxyz0123456789-'
  )

func isDigits(text string) bool => !empty(text) && consistsOf(text, '0123456789')

// The last label of a host name is never all digits (RFC 3696, section 2), which tells a name from an IPv4 address.
func isDnsName(name string) bool =>
  length(name) <= 253 && length(split(name, '.')) >= 2 && empty(filter(split(name, '.'), label => !isDnsLabel(label))) && !isDigits(last(
    split(name, '.')
  ))

// An IPv4 address (four numbers, whatever their range) or an IPv6 one in any form (two colons at least: ::1, [2001:db8::1],
// ::ffff:1.2.3.4), told apart so the message can say what the value is.
func isIpAddress(name string) bool =>
  (length(split(name, '.')) == 4 && empty(filter(split(name, '.'), part => !isDigits(part)))) || (length(split(name, ':')) >= 3 && consistsOf(
    name,
    '0123456789abcdef:.[]'
  ))

// Printable ASCII; a name with any other character is Unicode and must be written as its A-label.
func isAscii(name string) bool =>
  consistsOf(name, ''' !"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~''')

func zoneHolds(zone string, name string) bool => name == zone || endsWith(name, '.${zone}')

// Names compared and created in lower case; invalid input fails the deployment before any resource is touched.
var requested = map(
  customDomains,
  d =>
    union(d, {
      name: toLower(d.name)
      dnsZoneName: toLower(d.?dnsZoneName ?? '')
      dnsZoneResourceGroup: d.?dnsZoneResourceGroup ?? resourceGroup().name
      apexTakeover: d.?apexTakeover ?? false
      shard: d.?shard ?? 0
    })
)
var providerHost = {
  name: toLower(providerHostName)
  dnsZoneName: toLower(providerHostDnsZoneName)
  dnsZoneResourceGroup: empty(providerHostDnsZoneResourceGroup) ? resourceGroup().name : providerHostDnsZoneResourceGroup
}
var hasProviderHost = !empty(providerHost.name)
var requestedNames = map(requested, d => d.name)
var ipAddresses = filter(requestedNames, n => isIpAddress(n))
var unicodeNames = filter(requestedNames, n => !isAscii(n))
var invalidNames = filter(requestedNames, n => !isDnsName(n))
var longNames = filter(requestedNames, n => length(n) > 64)
var misusedTakeovers = filter(requested, d => d.apexTakeover && d.dnsZoneName != d.name)
var duplicateNames = filter(union(requestedNames, []), n => length(filter(requestedNames, m => m == n)) > 1)
var misplacedZones = filter(requested, d => !empty(d.dnsZoneName) && !zoneHolds(d.dnsZoneName, d.name))
var shardCount = useFrontDoor ? max(concat([0], map(requested, d => d.shard))) + 1 : 0
var shardSizes = map(range(0, shardCount), s => length(filter(requested, d => d.shard == s)))
// The provider host is a custom domain of shard 0's profile and counts against its limit.
var profileDomainCounts = map(range(0, shardCount), s => shardSizes[s] + (s == 0 && hasProviderHost ? 1 : 0))
var fullShards = filter(range(0, shardCount), s => profileDomainCounts[s] > domainLimit)
// Shard 0 may hold only the provider host; any other empty shard would be a profile that serves nothing.
var emptyShards = filter(range(0, shardCount), s => shardSizes[s] == 0 && (s > 0 || !hasProviderHost))
var providerHostProblem = !hasProviderHost
  ? ''
  : isIpAddress(providerHost.name)
      ? 'is an IP address. Rule: a DNS name (Front Door validates and certifies names, not addresses)'
  : !isAscii(providerHost.name)
      ? 'is not ASCII. Rule: write its A-label, xn--… (the form DNS and certificates carry; e.g. idn2 \'${providerHost.name}\' prints it)'
  : !isDnsName(providerHost.name) || length(providerHost.name) > 64
      ? 'is not a DNS name of at most 64 characters. Rule: letters, digits and hyphens in dot-separated labels, no wildcard, no trailing dot (a Front Door managed certificate covers it)'
  : contains(requestedNames, providerHost.name)
      ? 'is also in customDomains. Rule: the provider host serves path mode only; a domain in customDomains is served in full'
  : !empty(providerHost.dnsZoneName) && !zoneHolds(providerHost.dnsZoneName, providerHost.name)
      ? 'is not in providerHostDnsZoneName \'${providerHost.dnsZoneName}\'. Rule: the zone is the name itself or one of its parents'
  : ''
// One chain, checked in this order; the first rule a value breaks fails the deployment, naming the value and the rule.
var domains = !useFrontDoor && (!empty(requested) || hasProviderHost || enableWaf)
  ? fail('Parameter useFrontDoor is false, but customDomains, providerHostName or enableWaf is set. Rule: without Front Door the app serves path mode on its own host name only; leave customDomains and providerHostName empty and enableWaf false')
  : !useFrontDoor
      ? requested
  : empty(requested) && !hasProviderHost
      ? fail('Parameter customDomains is empty and providerHostName is not set. Rule: at least one domain, or a provider host for path mode (or useFrontDoor false for path mode on the app\'s own host name)')
  : !empty(providerHostProblem)
      ? fail('Parameter providerHostName \'${providerHost.name}\' ${providerHostProblem}')
  : !empty(ipAddresses)
      ? fail('Parameter customDomains: \'${join(ipAddresses, '\', \'')}\' is an IP address. Rule: a custom domain is a DNS name (Front Door validates and certifies names, not addresses); give the name whose DNS points at the server')
  : !empty(unicodeNames)
      ? fail('Parameter customDomains: \'${join(unicodeNames, '\', \'')}\' is not ASCII. Rule: write its A-label, xn--… (the form DNS and certificates carry; e.g. idn2 \'${unicodeNames[0]}\' prints it)')
  : !empty(invalidNames)
      ? fail('Parameter customDomains: \'${join(invalidNames, '\', \'')}\' is not a DNS name. Rule: letters, digits and hyphens in dot-separated labels of 1 to 63 characters, at least two labels, the last not all digits, no wildcard, no trailing dot, at most 253 characters')
  : !empty(longNames)
      ? fail('Parameter customDomains: \'${join(longNames, '\', \'')}\' is longer than 64 characters. Rule: Front Door managed certificates take host names of at most 64 characters')
  : !empty(duplicateNames)
      ? fail('Parameter customDomains lists \'${join(duplicateNames, '\', \'')}\' more than once. Rule: each domain once (names compare case-insensitively)')
  : !empty(misplacedZones)
      ? fail('Parameter customDomains: the dnsZoneName of \'${join(map(misplacedZones, d => d.name), '\', \'')}\' does not hold that name. Rule: the zone is the domain itself (apex) or one of its parents')
  : !empty(misusedTakeovers)
      ? fail('Parameter customDomains: apexTakeover is set for \'${join(map(misusedTakeovers, d => d.name), '\', \'')}\', which is not the apex of its dnsZoneName. Rule: apexTakeover applies only to a domain whose dnsZoneName is the domain itself')
  : !empty(fullShards)
      ? fail('Parameter customDomains has ${shardSizes[fullShards[0]]} entries in shard ${fullShards[0]}${fullShards[0] == 0 && hasProviderHost ? ', and providerHostName \'${providerHost.name}\' is a custom domain of that profile too' : ''}, but a Front Door ${frontDoorTier} profile allows ${domainLimit} custom domains. Rule: at most ${domainLimit} custom domains per profile${hasProviderHost ? ', the provider host included (shard 0 holds at most ${domainLimit - 1} entries)' : ''}. Give the domains you add shard: ${shardCount} (each shard is its own profile${frontDoorTier == 'Standard' ? ', another Standard one: Premium holds 500 domains per profile, but its base fee is about 9 times Standard\'s, so choose it only for its WAF managed rules or Private Link; docs/deploy.md, "What the profiles cost"' : ''}); never move a domain that is already served')
  : !empty(emptyShards)
      ? fail('Parameter customDomains: no domain is in shard ${emptyShards[0]}. Rule: shards are numbered from 0 without gaps (an empty shard would be a Front Door profile that serves nothing)')
  : requested

// Regions that offer GZRS, from learn.microsoft.com/azure/storage/common/redundancy-regions-gzrs (December 2026). No
// rule derives it: the list is a subset of the regions with availability zones and a paired region, chosen by Azure.
// geoRedundantStorageSku overrides it.
var gzrsRegions = [
  'southafricanorth'
  'australiaeast'
  'eastasia'
  'japaneast'
  'koreacentral'
  'southeastasia'
  'centralindia'
  'francecentral'
  'germanywestcentral'
  'northeurope'
  'norwayeast'
  'swedencentral'
  'switzerlandnorth'
  'uksouth'
  'westeurope'
  'uaenorth'
  'canadacentral'
  'centralus'
  'eastus'
  'eastus2'
  'southcentralus'
  'westus2'
  'westus3'
  'usgovvirginia'
  'brazilsouth'
]

// Region names compare as ARM writes them: lower case, no spaces ('West Europe' is westeurope).
var primaryRegion = toLower(replace(location, ' ', ''))
var secondaryRegion = toLower(replace(secondaryLocation, ' ', ''))
var hasSecondaryRegion = !empty(secondaryRegion)
var readAccess = hasSecondaryRegion || readAccessGeoRedundant
var storageSku = hasSecondaryRegion && secondaryRegion == primaryRegion
  ? fail('Parameter secondaryLocation \'${secondaryLocation}\' is the same region as location \'${location}\'. Rule: the second app runs in another region, so that an outage of one region leaves the other serving; leave secondaryLocation empty for a single region')
  : hasSecondaryRegion && !useFrontDoor
      ? fail('Parameter secondaryLocation is \'${secondaryLocation}\', but useFrontDoor is false. Rule: a second region needs Front Door, the one thing that can send requests to the other region\'s app when one fails; without it clients reach the app by its own *.azurewebsites.net name, which lives in one region. Set useFrontDoor true, or leave secondaryLocation empty (readAccessGeoRedundant alone still reads the paired region\'s copy of the table)')
  : !readAccess && !empty(geoRedundantStorageSku)
      ? fail('Parameter geoRedundantStorageSku is ${geoRedundantStorageSku}, but neither readAccessGeoRedundant nor secondaryLocation is set. Rule: the SKU applies only to read-access geo-redundant storage; set readAccessGeoRedundant true, or leave geoRedundantStorageSku empty')
  : !readAccess
      ? 'Standard_LRS'
  : !empty(geoRedundantStorageSku)
      ? geoRedundantStorageSku
  : contains(gzrsRegions, primaryRegion) ? 'Standard_RAGZRS' : 'Standard_RAGRS'

// The app's health route (src/Delegation.Core/Serving/WellKnownRoutes.cs, Health): 200 while the app is up.
var healthProbeRoute = 'healthz'

var profileBaseName = 'afd-${prefix}-${token}'
var endpointBaseName = 'fde-${prefix}-${token}'

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
    skuName: storageSku
    tableName: tableName
    deploymentContainerName: 'app-package'
  }
}

// The second region's host storage and deployment package: its app must start while the primary region is down.
module secondaryStorage 'modules/storage.bicep' = if (hasSecondaryRegion) {
  name: 'storage-secondary'
  params: {
    location: secondaryRegion
    tags: tags
    accountName: secondaryStorageAccountName
    skuName: 'Standard_LRS'
    tableName: ''
    deploymentContainerName: 'app-package'
  }
}

resource frontDoors 'Microsoft.Cdn/profiles@2024-02-01' = [
  for shard in range(0, shardCount): {
    name: shardName(profileBaseName, shard)
    location: 'global'
    tags: tags
    sku: {
      name: '${frontDoorTier}_AzureFrontDoor'
    }
  }
]

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  params: {
    location: location
    planName: 'plan-${prefix}-${token}'
    appName: appName
    storageAccountName: storageAccountName
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    adminPrincipalId: adminPrincipalId
    runsScheduledChecks: true
    tags: tags
    tableStorageAccountName: storageAccountName
    applicationInsightsName: applicationInsightsName
    tableServiceUri: storage.outputs.tableServiceUri
    // https://<account>-secondary.table.<suffix>, as ARM reports it (the account name with -secondary appended).
    secondaryTableServiceUri: readAccess ? storage.outputs.secondaryTableServiceUri : ''
    tableName: tableName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    frontDoorIds: [for shard in range(0, shardCount): frontDoors[shard].properties.frontDoorId]
    healthProbed: hasSecondaryRegion
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyInstances: alwaysReadyInstances
    documentMaxAgeSeconds: documentMaxAgeSeconds
    documentSharedMaxAgeSeconds: documentSharedMaxAgeSeconds > documentMaxAgeSeconds
      ? fail('Parameter documentSharedMaxAgeSeconds is ${documentSharedMaxAgeSeconds}, above documentMaxAgeSeconds (${documentMaxAgeSeconds}). Rule: the edge keeps a document no longer than federating servers may (60 to documentMaxAgeSeconds)')
      : documentSharedMaxAgeSeconds
    adminPrincipalType: adminPrincipalType
    checksSchedule: checksSchedule
    checksTableName: checksTableName
  }
}

// The same app in the second region, with the same table, telemetry, profiles, scale and caching; its host storage is
// its own. The admin's role is on the table's account, granted once above; the scheduled checks run in the primary
// region only, so each domain is checked once per run.
module secondaryFunctionApp 'modules/function-app.bicep' = if (hasSecondaryRegion) {
  name: 'function-app-secondary'
  params: {
    location: secondaryRegion
    planName: 'plan-${prefix}-${token}-2'
    appName: secondaryAppName
    storageAccountName: secondaryStorageAccountName
    deploymentContainerUrl: secondaryStorage!.outputs.deploymentContainerUrl
    adminPrincipalId: ''
    runsScheduledChecks: false
    tags: tags
    tableStorageAccountName: storageAccountName
    applicationInsightsName: applicationInsightsName
    tableServiceUri: storage.outputs.tableServiceUri
    // https://<account>-secondary.table.<suffix>, as ARM reports it (the account name with -secondary appended).
    secondaryTableServiceUri: readAccess ? storage.outputs.secondaryTableServiceUri : ''
    tableName: tableName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    frontDoorIds: [for shard in range(0, shardCount): frontDoors[shard].properties.frontDoorId]
    healthProbed: hasSecondaryRegion
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyInstances: alwaysReadyInstances
    documentMaxAgeSeconds: documentMaxAgeSeconds
    documentSharedMaxAgeSeconds: documentSharedMaxAgeSeconds
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

module frontDoorShards 'modules/front-door-shard.bicep' = [
  for shard in range(0, shardCount): {
    name: shardName('front-door', shard)
    params: {
      profileName: frontDoors[shard].name
      endpointName: shardName(endpointBaseName, shard)
      routingDeploymentName: shardName('front-door-routing', shard)
      originHostName: functionApp.outputs.defaultHostName
      twoRegions: hasSecondaryRegion
      secondaryOriginHostName: hasSecondaryRegion ? secondaryFunctionApp!.outputs.defaultHostName : ''
      healthProbePath: '/${healthProbeRoute}'
      healthProbeIntervalSeconds: healthProbeIntervalSeconds
      domains: map(filter(domains, d => d.shard == shard), d => {
        name: d.name
        resourceName: customDomainResourceName(d.name)
        dnsZoneName: d.dnsZoneName
        dnsZoneResourceGroup: d.dnsZoneResourceGroup
        apexTakeover: d.apexTakeover
      })
      profileShard: shard
      providerHost: {
        name: shard == 0 ? providerHost.name : ''
        resourceName: customDomainResourceName(providerHost.name)
        dnsZoneName: providerHost.dnsZoneName
        dnsZoneResourceGroup: providerHost.dnsZoneResourceGroup
      }
      enableWaf: enableWaf && frontDoorTier != 'Premium'
        ? fail('Parameter enableWaf is true, but frontDoorTier is ${frontDoorTier}. Rule: WAF managed rules need frontDoorTier Premium')
        : enableWaf
      // WAF policy names take letters and digits only.
      wafPolicyName: 'waf${prefix}${token}${shard == 0 ? '' : string(shard)}'
    }
  }
]

// Access logs (one line per request at the edge), health probe and WAF logs, and metrics, into the workspace.
resource frontDoorDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = [
  for shard in range(0, shardCount): {
    name: 'to-log-analytics'
    scope: frontDoors[shard]
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
]

module domainAlert 'modules/domain-alert.bicep' = if (useFrontDoor) {
  name: 'domain-alert'
  // The rule runs in the workspace, which it finds by name.
  dependsOn: [
    monitoring
  ]
  params: {
    location: location
    tags: tags
    alertName: 'alert-${prefix}-${token}-domain-validation'
    workspaceName: workspaceName
    profileIds: [for shard in range(0, shardCount): frontDoors[shard].id]
    alertEmailAddress: alertEmailAddress
  }
}

@description('Name of the function app (of the primary region), for eng/publish.sh.')
output functionAppName string = functionApp.outputs.appName

@description('Name of the second region\'s function app; empty for a single region. Publish the same package to it.')
output secondaryFunctionAppName string = hasSecondaryRegion ? secondaryFunctionApp!.outputs.appName : ''

@description('Every function app to publish to, the primary region\'s first.')
output functionAppNames string[] = concat(
  [functionApp.outputs.appName],
  hasSecondaryRegion ? [secondaryFunctionApp!.outputs.appName] : []
)

@description('The table\'s read-access secondary endpoint (delegation ... --secondary reads there during an outage); empty without read-access geo-redundant storage.')
output secondaryTableServiceUri string = readAccess ? storage.outputs.secondaryTableServiceUri : ''

@description('Replication of the storage account that holds the table.')
output storageSku string = storageSku

@description('Table endpoint for the delegation tool (--table-service-uri).')
output tableServiceUri string = storage.outputs.tableServiceUri

@description('Storage account that holds the delegations table.')
output storageAccountName string = storage.outputs.accountName

@description('Name of the Front Door profile of shard 0 (az afd ... --profile-name); empty without Front Door. frontDoorShards lists every shard.')
output frontDoorProfileName string = useFrontDoor ? shardName(profileBaseName, 0) : ''

@description('Name of the Front Door endpoint of shard 0 (az afd endpoint purge --endpoint-name); empty without Front Door.')
output frontDoorEndpointName string = useFrontDoor ? shardName(endpointBaseName, 0) : ''

@description('Host name of the Front Door endpoint of shard 0: the CNAME target of its domains and of the provider host; empty without Front Door.')
output frontDoorEndpointHostName string = useFrontDoor ? frontDoorShards[0].outputs.endpointHostName : ''

@description('Per shard: its profile, endpoint, endpoint host name (the CNAME target of its domains) and number of custom domains (shard 0 counts the provider host), to compare with the tier\'s limit.')
output frontDoorShards array = [
  for shard in range(0, shardCount): {
    shard: shard
    profileName: frontDoors[shard].name
    endpointName: shardName(endpointBaseName, shard)
    endpointHostName: frontDoorShards[shard].outputs.endpointHostName
    domainCount: profileDomainCounts[shard]
  }
]

@description('Base URL of path mode (https://<host>/<domain>/.well-known/matrix/...): the provider host, or without Front Door the app\'s own host name; empty when neither serves path mode.')
output pathModeBaseUrl string = hasProviderHost
  ? 'https://${providerHost.name}'
  : useFrontDoor ? '' : 'https://${functionApp.outputs.defaultHostName}'

@description('The provider host\'s DNS records (none or one entry): the _dnsauth TXT and the CNAME to shard 0\'s endpoint.')
output providerHostRecords array = [
  for shard in range(0, hasProviderHost ? 1 : 0): {
    domain: providerHost.name
    customDomainName: customDomainResourceName(providerHost.name)
    validationTxtName: '_dnsauth.${providerHost.name}'
    validationTxtValue: frontDoorShards[shard].outputs.providerValidationToken
    cnameName: providerHost.name
    cnameTarget: frontDoorShards[shard].outputs.endpointHostName
    frontDoorProfileName: shardName(profileBaseName, shard)
    createdInAzureDns: !empty(providerHost.dnsZoneName)
  }
]

@description('Per domain, its shard and the DNS records to create where the template did not create them (an apex in Azure DNS without apexTakeover gets only its TXT record). One list per shard (an output loop holds at most 800 entries, so each shard\'s deployment writes its own); jq flatten lists every domain.')
output dnsRecords array = [for shard in range(0, shardCount): frontDoorShards[shard].outputs.dnsRecords]
