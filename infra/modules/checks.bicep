// The watch: the results table the app writes (its access to the delegations table stays read-only), and an alert
// when a scheduled check finds a domain whose federation or client discovery fails.

@description('Azure region of the alert.')
param location string

@description('Tags for every resource.')
param tags object

@description('Storage account that holds the delegations table.')
param storageAccountName string

@description('Name of the results table (one row per domain: the last check).')
param resultsTableName string

@description('Name of the function app whose identity writes the results.')
param appName string

@description('Name of the Application Insights component that receives the delegation.checks metric.')
param applicationInsightsName string

@description('Optional e-mail address that gets the alert; empty creates the alert rule without an action group.')
param alertEmail string

var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName

  resource tableService 'tableServices' existing = {
    name: 'default'
  }
}

resource resultsTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: account::tableService
  name: resultsTableName
}

resource app 'Microsoft.Web/sites@2024-04-01' existing = {
  name: appName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Storage Table Data Contributor on the results table only: the app records results there and nowhere else.
resource appResults 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resultsTable.id, app.id, storageTableDataContributor)
  scope: resultsTable
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: 'ag-${appName}-checks'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'delegation'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// Fires when the last hour's checks counted a failing domain; the scheduled run logs each one (event 20) with its step.
resource failingDomains 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: 'alert-${appName}-failing-delegations'
  location: location
  tags: tags
  properties: {
    displayName: 'Delegation checks: a domain fails'
    description: 'A scheduled delegation check found a domain whose federation or client discovery fails. Run "delegation checks --status fail" for the step and message.'
    severity: 2
    enabled: true
    scopes: [
      applicationInsights.id
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "delegation.checks" and tostring(customDimensions.result) == "fail" | summarize failing = sum(valueSum)'
          timeAggregation: 'Total'
          metricMeasureColumn: 'failing'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: false
    actions: {
      actionGroups: empty(alertEmail) ? [] : [actionGroup.id]
    }
  }
}

@description('Name of the results table.')
output resultsTableName string = resultsTable.name
