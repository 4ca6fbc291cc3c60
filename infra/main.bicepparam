using 'main.bicep'

// Two domains: an apex whose Azure DNS zone lives in this resource group (the template creates its records), and a
// subdomain whose DNS is elsewhere (create the records from the dnsRecords output).
param customDomains = [
  {
    name: 'example.com'
    dnsZoneName: 'example.com'
  }
  {
    name: 'chat.example.org'
  }
]

param frontDoorTier = 'Standard'

param instanceMemoryMB = 512

param maximumInstanceCount = 40

param alwaysReadyInstances = 0

// Your object ID (az ad signed-in-user show --query id -o tsv), to manage rows with the delegation tool.
param adminPrincipalId = ''
