using Delegation.Checks;
using Delegation.Cli.Common;
using Delegation.Names;
using Delegation.Table;
using Spectre.Console;

namespace Delegation.Cli.Check;

/// <summary><c>delegation check --all</c>: every domain in the table, a few at a time, then one summary table.</summary>
internal static class CheckAll
{
    public static async Task<int> RunAsync(DelegationChecker checker, IDelegationStore store, int concurrency, bool json, CommandContext context, CancellationToken cancellationToken = default)
    {
        var domains = new List<string>();
        await foreach (var row in store.ListAsync(cancellationToken))
        {
            if (DomainName.IsWildcard(row.Domain))
            {
                await context.Error.WriteLineAsync($"skipped {row.Domain}: a wildcard row has no single name to check; check a name under it instead");
                continue;
            }

            domains.Add(row.Domain);
        }

        var reports = new CheckReport[domains.Count];
        var interactive = ReferenceEquals(context.Output, Console.Out) && !Console.IsOutputRedirected && !json;
        if (interactive)
        {
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask("Checking delegations", maxValue: Math.Max(1, domains.Count));
                await CheckEachAsync(checker, domains, reports, concurrency, (_, _) => { task.Increment(1); return Task.CompletedTask; }, cancellationToken);
            });
        }
        else
        {
            var done = 0;
            await CheckEachAsync(checker, domains, reports, concurrency, async (index, report) =>
            {
                var count = Interlocked.Increment(ref done);
                await context.Error.WriteLineAsync($"[{count}/{domains.Count}] {report.Domain}: server {CheckRenderer.Word(report.Server.Verdict)}");
            }, cancellationToken);
        }

        if (json)
        {
            await CheckRenderer.WriteJsonAsync([.. reports], context.Output);
        }
        else if (interactive)
        {
            AnsiConsole.Write(SummaryTable.Render(reports));
        }
        else
        {
            await SummaryTable.WritePlainAsync(reports, context.Output);
        }

        return reports.All(r => r.FederationWorks) ? ExitCodes.Success : CheckCommand.FederationFails;
    }

    private static Task CheckEachAsync(DelegationChecker checker, List<string> domains, CheckReport[] reports, int concurrency, Func<int, CheckReport, Task> done, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, domains.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                reports[index] = await checker.CheckAsync(domains[index], token);
                await done(index, reports[index]);
            });
}
