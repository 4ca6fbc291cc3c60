// One shard of the deployment: the routing of one Front Door profile (front-door.bicep) and the Azure DNS records of its
// domains. The records live here, not in main.bicep, because ARM allows 800 resources per template (copies included): a
// Premium shard holds up to 500 domains, so its up to 500 record deployments fit beside one routing deployment, and
// main.bicep holds one deployment per shard whatever the number of domains.

import { dnsDeploymentName } from '../names.bicep'

@description('Name of the existing Front Door profile of this shard.')
param profileName string

@description('Number of this shard, from 0.')
param profileShard int

@description('Name of the shard\'s endpoint.')
param endpointName string

@description('Name of the nested routing deployment.')
param routingDeploymentName string

@description('Default host name of the function app.')
param originHostName string

@description('Whether a second region\'s app serves beside the first (known before deployment, unlike its host name).')
param twoRegions bool

@description('Default host name of the second region\'s function app; ignored for a single region.')
param secondaryOriginHostName string

@description('Path of the health probe, used when two regions serve.')
param healthProbePath string

@description('Seconds between two probes from one edge location.')
param healthProbeIntervalSeconds int

@description('The custom domains of this shard (validated by main.bicep), with their resource names and Azure DNS zones (empty for none).')
param domains {
  name: string
  resourceName: string
  dnsZoneName: string
  dnsZoneResourceGroup: string
  apexTakeover: bool
}[]

@description('The provider\'s own host for path mode, on shard 0 only: its name (empty for none), resource name and optional Azure DNS zone.')
param providerHost {
  name: string
  resourceName: string
  dnsZoneName: string
  dnsZoneResourceGroup: string
}

@description('Whether to attach a WAF policy with managed rules to every domain of the shard (Premium only).')
param enableWaf bool

@description('Name of that WAF policy: letters and digits.')
param wafPolicyName string

module routing 'front-door.bicep' = {
  name: routingDeploymentName
  params: {
    profileName: profileName
    endpointName: endpointName
    originHostName: originHostName
    twoRegions: twoRegions
    secondaryOriginHostName: secondaryOriginHostName
    healthProbePath: healthProbePath
    healthProbeIntervalSeconds: healthProbeIntervalSeconds
    domains: map(domains, d => {
      name: d.name
      resourceName: d.resourceName
      dnsZoneName: d.dnsZoneName
      dnsZoneResourceGroup: d.dnsZoneResourceGroup
    })
    providerHostName: providerHost.name
    providerHostResourceName: providerHost.resourceName
    enableWaf: enableWaf
    wafPolicyName: wafPolicyName
  }
}

module dnsRecords 'dns-records.bicep' = [
  for (d, i) in domains: if (!empty(d.dnsZoneName)) {
    name: dnsDeploymentName(resourceGroup().id, d.name)
    scope: resourceGroup(d.dnsZoneResourceGroup)
    params: {
      zoneName: d.dnsZoneName
      domainName: d.name
      validationToken: routing.outputs.validationTokens[i]
      endpointId: routing.outputs.endpointId
      endpointHostName: routing.outputs.endpointHostName
      apexTakeover: d.apexTakeover
    }
  }
]

// The provider host serves nothing but delegation, so an apex provider host gets its alias record too.
module providerDnsRecords 'dns-records.bicep' = if (!empty(providerHost.name) && !empty(providerHost.dnsZoneName)) {
  name: dnsDeploymentName(resourceGroup().id, providerHost.name)
  scope: resourceGroup(providerHost.dnsZoneResourceGroup)
  params: {
    zoneName: providerHost.dnsZoneName
    domainName: providerHost.name
    validationToken: routing.outputs.providerValidationToken
    endpointId: routing.outputs.endpointId
    endpointHostName: routing.outputs.endpointHostName
    apexTakeover: true
  }
}

@description('Host name of the shard\'s endpoint (the CNAME target of its domains).')
output endpointHostName string = routing.outputs.endpointHostName

@description('Per domain, its shard and the DNS records to create where the template did not create them.')
output dnsRecords array = [
  for (d, i) in domains: {
    domain: d.name
    shard: profileShard
    frontDoorProfileName: profileName
    frontDoorEndpointName: endpointName
    customDomainName: d.resourceName
    validationTxtName: '_dnsauth.${d.name}'
    validationTxtValue: routing.outputs.validationTokens[i]
    cnameName: d.name
    cnameTarget: routing.outputs.endpointHostName
    createdInAzureDns: !empty(d.dnsZoneName)
    apex: d.dnsZoneName == d.name
    apexTakeover: d.apexTakeover
  }
]

@description('The _dnsauth TXT value of the provider host, or empty without one.')
output providerValidationToken string = routing.outputs.providerValidationToken
