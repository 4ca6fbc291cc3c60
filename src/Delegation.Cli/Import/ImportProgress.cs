using System.Diagnostics;
using Spectre.Console;

namespace Delegation.Cli.Import;

/// <summary>
/// Shows write progress: a live bar with count and rate on a terminal, or a plain line every tenth of the work (and at
/// the end) when output is redirected, so logs stay readable.
/// </summary>
internal static class ImportProgress
{
    public static bool IsTerminal(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    public static async Task RunAsync(TextWriter output, int total, Func<Action, Task> work)
    {
        if (IsTerminal(output))
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RowCountColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("Writing", maxValue: Math.Max(total, 1));
                    await work(() => task.Increment(1));
                });
            return;
        }

        var done = 0;
        var step = Math.Max(total / 10, 1);
        var stopwatch = Stopwatch.StartNew();
        await work(() =>
        {
            var now = Interlocked.Increment(ref done);
            if (now % step == 0 || now == total)
            {
                var rate = now / Math.Max(stopwatch.Elapsed.TotalSeconds, 0.001);
                lock (output)
                {
                    output.WriteLine($"Written {now:N0}/{total:N0} rows ({rate:N0}/s)");
                }
            }
        });
    }
}
