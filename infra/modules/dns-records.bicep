// Records in an Azure DNS zone for one domain: the _dnsauth TXT that proves ownership to Front Door, and a CNAME to
// the endpoint, or for the apex (where a CNAME is not allowed), only when asked to, an alias A record pointing at the
// endpoint. A CNAME cannot share its name with other records: a name that already holds A, AAAA, TXT or MX records
// makes the deployment fail (main.bicep's customDomains description says so).

@description('Name of the existing Azure DNS zone.')
param zoneName string

@description('The domain: the zone itself (apex) or a name below it.')
param domainName string

@description('Front Door\'s validation token for the domain.')
param validationToken string

@description('Resource ID of the Front Door endpoint.')
param endpointId string

@description('Host name of the Front Door endpoint.')
param endpointHostName string

@description('For the apex only: point the whole domain at Front Door (which answers nothing but /.well-known/matrix/*).')
param apexTakeover bool

var isApex = domainName == zoneName
var relativeName = isApex ? '@' : substring(domainName, 0, length(domainName) - length(zoneName) - 1)

resource zone 'Microsoft.Network/dnsZones@2018-05-01' existing = {
  name: zoneName
}

resource validation 'Microsoft.Network/dnsZones/TXT@2018-05-01' = {
  parent: zone
  name: isApex ? '_dnsauth' : '_dnsauth.${relativeName}'
  properties: {
    TTL: 3600
    TXTRecords: [
      {
        value: [
          validationToken
        ]
      }
    ]
  }
}

resource cname 'Microsoft.Network/dnsZones/CNAME@2018-05-01' = if (!isApex) {
  parent: zone
  name: relativeName
  properties: {
    TTL: 3600
    CNAMERecord: {
      cname: endpointHostName
    }
  }
}

resource alias 'Microsoft.Network/dnsZones/A@2018-05-01' = if (isApex && apexTakeover) {
  parent: zone
  name: '@'
  properties: {
    TTL: 3600
    targetResource: {
      id: endpointId
    }
  }
}
