using 'main.bicep'

// Two domains: an apex whose Azure DNS zone lives in this resource group, and a subdomain whose DNS is elsewhere (create
// its records from the dnsRecords output). For the apex the template creates only the _dnsauth TXT record: its website
// keeps answering, and its web server redirects /.well-known/matrix/* (docs/deploy.md). `apexTakeover: true` would point
// the whole domain at Front Door instead, which answers nothing else.
param customDomains = [
  {
    name: 'example.com'
    dnsZoneName: 'example.com'
    apexTakeover: false
  }
  {
    name: 'chat.example.org'
  }
]

param frontDoorTier = 'Standard'

// One region. A second one (e.g. 'northeurope') adds a second app behind Front Door and read-access geo-redundant
// storage; readAccessGeoRedundant alone keeps one region and reads the table's paired copy when the primary fails
// (docs/deploy.md, "Two regions").
param secondaryLocation = ''

param readAccessGeoRedundant = false

param instanceMemoryMB = 512

param maximumInstanceCount = 40

param alwaysReadyInstances = 0

// Federating servers keep a document 4 h; Front Door refreshes it every 10 min.
param documentMaxAgeSeconds = 14400

param documentSharedMaxAgeSeconds = 600

// Your object ID (az ad signed-in-user show --query id -o tsv), to manage rows with the delegation tool.
param adminPrincipalId = ''

// An address for the alert on domains whose certificate will not renew (empty: the alert shows in Azure Monitor only).
param alertEmailAddress = ''
