using System.Diagnostics;
using Spectre.Console;

namespace Delegation.Cli.Common;

/// <summary>
/// Progress of work done in parallel: a live bar with count and rate on a terminal, otherwise plain lines, written one at
/// a time however many tasks report at once, so logs stay readable.
/// </summary>
internal sealed class TerminalProgress
{
    private readonly Lock _lock = new();
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
    private readonly TextWriter _lines;
    private readonly ProgressTask? _bar;
    private int _done;

    private TerminalProgress(TextWriter lines, ProgressTask? bar, int total)
    {
        _lines = lines;
        _bar = bar;
        Total = total;
    }

    public int Total { get; }

    /// <summary>Items finished per second so far.</summary>
    public double Rate => Volatile.Read(ref _done) / Math.Max(_stopwatch.Elapsed.TotalSeconds, 0.001);

    /// <summary>True when <paramref name="output"/> is the console and not redirected: a live bar can be drawn.</summary>
    public static bool IsTerminal(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>Runs <paramref name="work"/> with a live bar titled <paramref name="title"/> when <paramref name="live"/>, otherwise with plain lines to <paramref name="lines"/>.</summary>
    public static async Task RunAsync(bool live, TextWriter lines, string title, int total, Func<TerminalProgress, Task> work)
    {
        if (!live)
        {
            await work(new TerminalProgress(lines, null, total));
            return;
        }

        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RowCountColumn(), new RemainingTimeColumn())
            .StartAsync(context => work(new TerminalProgress(lines, context.AddTask(title, maxValue: Math.Max(total, 1)), total)));
    }

    /// <summary>True at every tenth of the work and at its end: when a summary line is due.</summary>
    public bool IsTenth(int done) => done % Math.Max(Total / 10, 1) == 0 || done == Total;

    /// <summary>Marks one item finished. Without a live bar, writes the line <paramref name="line"/> makes of the count so far, if any.</summary>
    public void Advance(Func<int, string?>? line = null)
    {
        var done = Interlocked.Increment(ref _done);
        if (_bar is not null)
        {
            _bar.Increment(1);
            return;
        }

        if (line?.Invoke(done) is { } text)
        {
            lock (_lock)
            {
                _lines.WriteLine(text);
            }
        }
    }
}
