// An alert on custom domains whose validation state is not Approved: an apex domain's managed certificate renews only
// after a new _dnsauth TXT token (docs/deploy.md, "Apex certificates"), and a domain that is not Approved gets no new
// certificate. Front Door has no metric for it, so a log search alert asks Azure Resource Graph (arg("")) with its own
// identity, which needs Reader on what it queries and Log Analytics Reader on the workspace (learn.microsoft.com:
// azure/azure-monitor/logs/azure-monitor-data-explorer-proxy, "Query data in Azure Resource Graph").

@description('Azure region of the workspace.')
param location string

@description('Tags for every resource.')
param tags object

@description('Name of the alert rule.')
param alertName string

@description('Name of the Log Analytics workspace the rule runs in.')
param workspaceName string

@description('Resource IDs of the Front Door profiles (one per shard) whose domains are watched.')
param profileIds string[]

@description('Optional e-mail address that receives the alert; empty for none (the alert still shows in Azure Monitor).')
param alertEmailAddress string

var roles = {
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
  logAnalyticsReader: '73c42c96-874c-492b-b04d-ab87d138a893'
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmailAddress)) {
  name: 'ag-${alertName}'
  location: 'global'
  tags: tags
  properties: {
    enabled: true
    groupShortName: 'delegation'
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmailAddress
        useCommonAlertSchema: true
      }
    ]
  }
}

resource alert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: alertName
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    displayName: 'Front Door domain not validated'
    description: 'A custom domain of the delegation Front Door profile is not Approved: its managed certificate will not renew. For an apex domain, regenerate the validation token and update the _dnsauth TXT record (docs/deploy.md).'
    severity: 2
    enabled: true
    scopes: [
      workspace.id
    ]
    evaluationFrequency: 'PT6H'
    windowSize: 'PT6H'
    criteria: {
      allOf: [
        {
          query: 'arg("").resources | where type =~ "microsoft.cdn/profiles/customdomains" and (${join(map(profileIds, p => 'id startswith "${toLower(p)}/"'), ' or ')}) | extend state = tostring(properties.domainValidationState), hostName = tostring(properties.hostName) | where state != "Approved" | project id, hostName, state'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: empty(alertEmailAddress) ? [] : [actionGroup.id]
    }
  }
}

// Reader on this resource group: the rule's Resource Graph query sees the Front Door custom domains.
resource alertReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, alert.id, roles.reader)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.reader)
    principalId: alert.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Log Analytics Reader on the workspace the rule runs in.
resource alertWorkspaceReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workspace.id, alert.id, roles.logAnalyticsReader)
  scope: workspace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.logAnalyticsReader)
    principalId: alert.identity.principalId
    principalType: 'ServicePrincipal'
  }
}
