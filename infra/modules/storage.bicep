// A storage account: host storage and the deployment package (blobs), and, in the primary region, the delegations table.
// No shared keys.

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Storage account name (3-24 lower-case letters and digits).')
@minLength(3)
@maxLength(24)
param accountName string

@description('Replication: Standard_LRS, or Standard_RAGZRS / Standard_RAGRS for read access to the paired region (main.bicep chooses).')
param skuName string

@description('Name of the delegations table; empty for an account that holds only a second region\'s host storage and package.')
param tableName string

@description('Blob container that holds the Flex Consumption deployment package.')
param deploymentContainerName string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: accountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

var holdsTable = !empty(tableName)

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = if (holdsTable) {
  parent: account
  name: 'default'
}

resource table 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = if (holdsTable) {
  parent: tableService
  name: tableName
}

// The table is the source of truth for every delegation: deleting the account (or its resource group) takes a lock
// removal first. Locks guard the control plane only; rows are still edited with data-plane roles, and backed up with
// `delegation export` (docs/deploy.md).
resource deleteLock 'Microsoft.Authorization/locks@2020-05-01' = if (holdsTable) {
  name: 'keep-delegations'
  scope: account
  properties: {
    level: 'CanNotDelete'
    notes: 'Holds the delegations table. Back it up with `delegation export` before removing this lock.'
  }
}

@description('Storage account name.')
output accountName string = account.name

@description('URL of the deployment package container.')
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'

@description('Table service endpoint, without a trailing slash.')
output tableServiceUri string = take(
  account.properties.primaryEndpoints.table,
  length(account.properties.primaryEndpoints.table) - 1
)

@description('Resource ID of the delegations table; empty without one.')
output tableId string = holdsTable ? table.id : ''

@description('The table service\'s read-access secondary endpoint, without a trailing slash; empty unless the SKU is RA-GRS or RA-GZRS.')
output secondaryTableServiceUri string = startsWith(skuName, 'Standard_RA')
  ? take(account.properties.secondaryEndpoints.table, length(account.properties.secondaryEndpoints.table) - 1)
  : ''
