using Delegation.Checks;
using Delegation.Cli.Common;
using Delegation.Table;
using Spectre.Console;

namespace Delegation.Cli.Check;

/// <summary><c>delegation check --all</c>: every domain in the table, a few at a time (the watch's runner), then one summary table; with --record, each result is stored as the watch stores it.</summary>
internal static class CheckAll
{
    public static async Task<int> RunAsync(CheckRunner runner, IDelegationStore store, ICheckResultStore? results, bool json, CommandContext context, CancellationToken cancellationToken = default)
    {
        var rows = await CheckRunner.ListRowsAsync(
            store,
            domain => context.Error.WriteLineAsync($"skipped {domain}: a wildcard row has no single name to check; check a name under it instead"),
            cancellationToken);
        if (results is not null)
        {
            await results.EnsureTableAsync(cancellationToken);
        }

        var interactive = ReferenceEquals(context.Output, Console.Out) && !Console.IsOutputRedirected && !json;
        CheckRunSummary summary = null!;
        // The runner calls back one domain at a time, so the counts and the line stay together.
        var done = 0;
        var recorded = 0;
        Task Checked(DomainCheck check, Func<Task> show)
        {
            done++;
            recorded += check.Recorded ? 1 : 0;
            return show();
        }

        try
        {
            if (interactive)
            {
                await AnsiConsole.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask("Checking delegations", maxValue: Math.Max(1, rows.Count));
                    summary = await runner.RunAsync(rows, results, check => Checked(check, () => { task.Increment(1); return Task.CompletedTask; }), cancellationToken);
                });
            }
            else
            {
                summary = await runner.RunAsync(rows, results, check =>
                    Checked(check, () => context.Error.WriteLineAsync($"[{done}/{rows.Count}] {check.Report.Domain}: server {StatusWords.Of(check.Report.Server.Verdict)}")), cancellationToken);
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Results being recorded when the signal came may have landed as well.
            var record = results is null ? string.Empty : $", recorded at least {recorded}";
            throw new CliException(ExitCodes.Interrupted, $"Interrupted: checked {done} of {rows.Count} domains{record}; run it again to check them all.");
        }

        var reports = summary.Checks.Select(c => c.Report).ToList();
        if (json)
        {
            await CheckRenderer.WriteJsonAsync(reports, context.Output);
        }
        else if (interactive)
        {
            AnsiConsole.Write(SummaryTable.Render(reports));
        }
        else
        {
            await SummaryTable.WritePlainAsync(reports, context.Output);
        }

        return results is null ? Verdict(summary) : await ReportRecordingAsync(summary, context);
    }

    private static int Verdict(CheckRunSummary summary) =>
        summary.Checks.All(c => c.Report.FederationWorks) ? ExitCodes.Success : CheckCommand.FederationFails;

    private static async Task<int> ReportRecordingAsync(CheckRunSummary summary, CommandContext context)
    {
        var recorded = summary.Checks.Count(c => c.Recorded);
        if (summary.RecordFailures.Count == 0)
        {
            await context.Error.WriteLineAsync($"recorded {recorded} results ({summary.Count(CheckStatus.Ok)} ok, {summary.Count(CheckStatus.Warning)} warning, {summary.Count(CheckStatus.Fail)} fail)");
            return Verdict(summary);
        }

        await context.Error.WriteLineAsync($"Storage error: {summary.RecordFailures.Count} of {summary.Checks.Count} results could not be recorded ({recorded} were); the delegations table is unchanged. First: {summary.RecordFailures[0]}");
        return ExitCodes.Storage;
    }
}
