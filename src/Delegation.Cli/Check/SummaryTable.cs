using Delegation.Checks;
using Spectre.Console;

namespace Delegation.Cli.Check;

/// <summary>The one-line-per-domain summary of <c>check --all</c>: a Spectre table on a terminal, aligned text otherwise.</summary>
internal static class SummaryTable
{
    private static readonly string[] Headings = ["Domain", "Server", "Client", "Support", "First problem"];

    public static Spectre.Console.Table Render(IEnumerable<CheckReport> reports)
    {
        var table = new Spectre.Console.Table().AddColumns(Headings);
        foreach (var report in reports)
        {
            table.AddRow(Cells(report).Select(c => Markup.Escape(c)).ToArray());
        }

        return table;
    }

    public static async Task WritePlainAsync(IReadOnlyList<CheckReport> reports, TextWriter output)
    {
        var width = Math.Max(Headings[0].Length, reports.Count == 0 ? 0 : reports.Max(r => r.Domain.Length));
        await output.WriteLineAsync($"{Headings[0].PadRight(width)}  {Headings[1],-6}  {Headings[2],-6}  {Headings[3],-7}  {Headings[4]}");
        foreach (var cells in reports.Select(Cells))
        {
            await output.WriteLineAsync($"{cells[0].PadRight(width)}  {cells[1],-6}  {cells[2],-6}  {cells[3],-7}  {cells[4]}");
        }
    }

    private static string[] Cells(CheckReport report) =>
    [
        report.Domain,
        StatusWords.Of(report.Server.Verdict),
        StatusWords.Of(report.Client.Verdict),
        StatusWords.Of(report.Support.Verdict),
        report.FirstProblem ?? "-",
    ];
}
