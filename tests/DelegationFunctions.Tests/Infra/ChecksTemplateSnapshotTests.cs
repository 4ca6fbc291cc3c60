using System.Xml;
using Delegation.Checks;

namespace Delegation.Tests.Infra;

/// <summary>The watch's part of the deployment (infra/modules/checks.bicep), as <c>bicep snapshot</c> predicts it.</summary>
public sealed class ChecksTemplateSnapshotTests
{
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";

    private const string Parameters = """
        using 'main.bicep'

        param customDomains = [
          {
            name: 'example.com'
          }
        ]

        param checksAlertEmail = 'ops@example.com'
        """;

    private static readonly Lazy<Task<SnapshotResult>> WithEmail = new(() => Bicep.SnapshotAsync(Parameters));

    private static readonly Lazy<Task<SnapshotResult>> WithoutEmail = new(() => Bicep.SnapshotAsync(Parameters.Replace("param checksAlertEmail = 'ops@example.com'", "", StringComparison.Ordinal)));

    [Fact]
    public async Task Snapshot_ResultsTable_AppMayWriteItAndOnlyIt()
    {
        var snapshot = await WithEmail.Value;

        var table = Assert.Single(snapshot.OfType("Microsoft.Storage/storageAccounts/tableServices/tables"), t => t.GetProperty("name").GetString()!.EndsWith("/default/delegationchecks", StringComparison.Ordinal));
        var writes = snapshot.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => a.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!.EndsWith(StorageTableDataContributor, StringComparison.Ordinal))
            .ToList();
        var write = Assert.Single(writes);
        Assert.StartsWith(table.GetProperty("id").GetString() + "/providers/Microsoft.Authorization/roleAssignments/", write.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Contains("/Microsoft.Web/sites/", write.GetProperty("properties").GetProperty("principalId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_AppSettings_CarryScheduleAndResultsTable()
    {
        var snapshot = await WithEmail.Value;

        var settings = snapshot.OfType("Microsoft.Web/sites")
            .SelectMany(s => s.GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray())
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").GetString());

        Assert.Equal("0 30 3 * * *", settings["DelegationChecksSchedule"]);
        Assert.Equal("delegationchecks", settings["DelegationChecks__Table"]);
    }

    [Fact]
    public async Task Snapshot_AlertEmail_WiresAlertRuleToActionGroup()
    {
        var snapshot = await WithEmail.Value;

        var group = snapshot.Single("Microsoft.Insights/actionGroups");
        var rule = Assert.Single(snapshot.OfType("Microsoft.Insights/scheduledQueryRules"), r => r.GetProperty("name").GetString()!.EndsWith("-failing-delegations", StringComparison.Ordinal)).GetProperty("properties");
        var criterion = Assert.Single(rule.GetProperty("criteria").GetProperty("allOf").EnumerateArray());

        Assert.Equal("ops@example.com", Assert.Single(group.GetProperty("properties").GetProperty("emailReceivers").EnumerateArray()).GetProperty("emailAddress").GetString());
        Assert.Equal([group.GetProperty("id").GetString()], rule.GetProperty("actions").GetProperty("actionGroups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(snapshot.Single("Microsoft.Insights/components").GetProperty("id").GetString(), Assert.Single(rule.GetProperty("scopes").EnumerateArray()).GetString());
        Assert.Contains("name == \"delegation.checks\"", criterion.GetProperty("query").GetString(), StringComparison.Ordinal);
        Assert.Contains("customDimensions.result) == \"fail\"", criterion.GetProperty("query").GetString(), StringComparison.Ordinal);
        Assert.Equal("GreaterThan", criterion.GetProperty("operator").GetString());
        Assert.Equal(0, criterion.GetProperty("threshold").GetDouble());
        Assert.Equal(0, snapshot.Snapshot!.RootElement.GetProperty("diagnostics").GetArrayLength());
    }

    [Fact]
    public async Task Snapshot_RunsStopped_FiresHourlyWhenNoRunFinishedInTheLast26Hours()
    {
        var snapshot = await WithEmail.Value;

        var group = snapshot.Single("Microsoft.Insights/actionGroups");
        var rule = RunsStoppedRule(snapshot);
        var criterion = Assert.Single(rule.GetProperty("criteria").GetProperty("allOf").EnumerateArray());
        var query = criterion.GetProperty("query").GetString()!;

        Assert.Equal(snapshot.Single("Microsoft.Insights/components").GetProperty("id").GetString(), Assert.Single(rule.GetProperty("scopes").EnumerateArray()).GetString());
        Assert.Equal(TimeSpan.FromHours(1), XmlConvert.ToTimeSpan(rule.GetProperty("evaluationFrequency").GetString()!));
        Assert.Equal(TimeSpan.FromHours(26), XmlConvert.ToTimeSpan(rule.GetProperty("overrideQueryTimeRange").GetString()!));
        Assert.StartsWith("traces ", query, StringComparison.Ordinal);
        Assert.Contains($"message startswith \"{ScheduledChecks.FinishedMessage}\"", query, StringComparison.Ordinal);
        Assert.EndsWith("| summarize finished = count()", query, StringComparison.Ordinal);
        Assert.Equal("finished", criterion.GetProperty("metricMeasureColumn").GetString());
        Assert.Equal("Total", criterion.GetProperty("timeAggregation").GetString());
        Assert.Equal("LessThan", criterion.GetProperty("operator").GetString());
        Assert.Equal(1, criterion.GetProperty("threshold").GetDouble());
        Assert.True(rule.GetProperty("autoMitigate").GetBoolean());
        Assert.Equal([group.GetProperty("id").GetString()], rule.GetProperty("actions").GetProperty("actionGroups").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task Snapshot_NoAlertEmail_BothWatchAlertsWithoutActionGroup()
    {
        var snapshot = await WithoutEmail.Value;

        var rules = snapshot.OfType("Microsoft.Insights/scheduledQueryRules")
            .Where(r => r.GetProperty("name").GetString()!.EndsWith("-failing-delegations", StringComparison.Ordinal) || r.GetProperty("name").GetString()!.EndsWith("-checks-stopped", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(snapshot.OfType("Microsoft.Insights/actionGroups"));
        Assert.Equal(2, rules.Count);
        Assert.All(rules, r => Assert.Empty(r.GetProperty("properties").GetProperty("actions").GetProperty("actionGroups").EnumerateArray()));
        Assert.True(RunsStoppedRule(snapshot).GetProperty("enabled").GetBoolean());
    }

    private static System.Text.Json.JsonElement RunsStoppedRule(SnapshotResult snapshot) =>
        Assert.Single(snapshot.OfType("Microsoft.Insights/scheduledQueryRules"), r => r.GetProperty("name").GetString()!.EndsWith("-checks-stopped", StringComparison.Ordinal)).GetProperty("properties");
}
