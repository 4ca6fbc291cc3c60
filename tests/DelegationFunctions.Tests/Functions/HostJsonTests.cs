using System.Globalization;
using System.Text.Json;
using Delegation.Checks;

namespace Delegation.Tests.Functions;

/// <summary>host.json's functionTimeout fits a whole scheduled run with the default settings (docs/deploy.md, "The watch's time budget").</summary>
public sealed class HostJsonTests
{
    /// <summary>The table size docs/deploy.md promises a complete run for, even when every domain hits its deadline.</summary>
    private const int WorstCaseDomains = 128;

    /// <summary>
    /// Flex Consumption lets a function run past 60 minutes, but gives it only 60 minutes when the platform scales in
    /// (learn.microsoft.com/azure/azure-functions/functions-scale#timeout): a longer timeout promises nothing more.
    /// </summary>
    private static readonly TimeSpan ScaleInGrace = TimeSpan.FromMinutes(60);

    [Fact]
    public void FunctionTimeout_DefaultSettings_CoversAWorstCaseRun()
    {
        var timeout = FunctionTimeout();
        var options = new CheckSettings();

        // The start delay, then the domains a batch of Concurrency at a time, each batch ending by the domain deadline.
        var batches = (int)Math.Ceiling(WorstCaseDomains / (double)options.Concurrency);
        var worstRun = TimeSpan.FromSeconds(options.MaxStartDelaySeconds + (batches * options.DomainTimeoutSeconds));

        Assert.True(worstRun <= timeout, $"A run of {WorstCaseDomains} domains that all hit their deadline takes up to {worstRun}; host.json's functionTimeout is {timeout}.");
        Assert.True(timeout <= ScaleInGrace, $"functionTimeout {timeout} is longer than the {ScaleInGrace} a run gets when Flex Consumption scales in.");
    }

    private static TimeSpan FunctionTimeout()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("host.json")));
        var text = hostJson.RootElement.GetProperty("functionTimeout").GetString();
        return TimeSpan.ParseExact(text!, @"hh\:mm\:ss", CultureInfo.InvariantCulture);
    }
}
