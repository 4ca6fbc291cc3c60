// The watch: the results table the app writes (its access to the delegations table stays read-only), an alert when a
// scheduled check finds a domain whose federation or client discovery fails, and one when no run has finished for 26 h.

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

@description('Optional e-mail address that gets both alerts; empty creates the alert rules without an action group.')
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

// Fires when no scheduled run has logged its end ("Delegation checks finished", event 31 of ScheduledChecks) for 26 hours:
// a daily run plus its start delay and the function timeout, with room to spare. The run logs through the worker's
// OpenTelemetry exporter into the component's traces table, whose message is the formatted text or, without it, the
// template; both begin with these words. summarize without "by" always yields one row, so no record at all counts as 0.
// The rule's own time range (overrideQueryTimeRange) is 26 h while it is evaluated every hour (Microsoft.Insights
// scheduledQueryRules 2023-12-01: learn.microsoft.com/azure/templates/microsoft.insights/2023-12-01/scheduledqueryrules).
resource runsStopped 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${appName}-checks-stopped'
  location: location
  tags: tags
  properties: {
    displayName: 'Delegation checks: no run finished for 26 hours'
    description: 'The scheduled delegation checks (timer function CheckDelegations) have not logged "Delegation checks finished" for 26 hours: the timer does not fire, or runs end early (function timeout, host restart). See docs/deploy.md, "When the watch stops".'
    severity: 2
    enabled: true
    scopes: [
      applicationInsights.id
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    overrideQueryTimeRange: 'P1DT2H'
    criteria: {
      allOf: [
        {
          query: 'traces | where message startswith "Delegation checks finished" | summarize finished = count()'
          timeAggregation: 'Total'
          metricMeasureColumn: 'finished'
          operator: 'LessThan'
          threshold: 1
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    // Resolves itself once a run finishes again.
    autoMitigate: true
    actions: {
      actionGroups: empty(alertEmail) ? [] : [actionGroup.id]
    }
  }
}

@description('Name of the results table.')
output resultsTableName string = resultsTable.name
