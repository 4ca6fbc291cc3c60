using Delegation.Cli.Common;

namespace Delegation.Tests.Cli.Common;

public sealed class TerminalProgressTests
{
    [Fact]
    public async Task Advance_NotATerminal_WritesASummaryLineAtEveryTenthAndAtTheEnd()
    {
        var lines = new StringWriter();

        await TerminalProgress.RunAsync(TerminalProgress.IsTerminal(lines), lines, "Writing", 25, progress =>
        {
            for (var i = 0; i < 25; i++)
            {
                progress.Advance(done => progress.IsTenth(done) ? $"{done}/{progress.Total}" : null);
            }

            return Task.CompletedTask;
        });

        Assert.Equal(["2/25", "4/25", "6/25", "8/25", "10/25", "12/25", "14/25", "16/25", "18/25", "20/25", "22/25", "24/25", "25/25"], Lines(lines));
    }

    [Fact]
    public async Task Advance_FromManyTasksAtOnce_WritesEveryLineWhole()
    {
        var lines = new StringWriter();
        const int Total = 2_000;
        var line = new string('x', 200);

        await TerminalProgress.RunAsync(false, lines, "Checking", Total, progress =>
            Parallel.ForEachAsync(Enumerable.Range(0, Total), new ParallelOptions { MaxDegreeOfParallelism = 8 }, (_, _) =>
            {
                progress.Advance(_ => line);
                return ValueTask.CompletedTask;
            }));

        var written = Lines(lines);
        Assert.Equal(Total, written.Length);
        Assert.All(written, l => Assert.Equal(line, l));
    }

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
