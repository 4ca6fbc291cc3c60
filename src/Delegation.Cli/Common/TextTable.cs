using System.Text;

namespace Delegation.Cli.Common;

/// <summary>Plain aligned columns for people: a header, then one line per row; long cells are cut with "..." except in the last column.</summary>
internal static class TextTable
{
    public const int MaxCell = 60;

    public static async Task WriteAsync(TextWriter output, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        var cells = rows.Select(r => r.Select((value, i) => i == r.Count - 1 ? Cell(value, int.MaxValue) : Cell(value)).ToArray()).ToList();
        var widths = headers.Select((h, i) => cells.Select(r => r[i].Length).Prepend(h.Length).Max()).ToArray();
        await output.WriteLineAsync(Line(headers, widths));
        foreach (var row in cells)
        {
            await output.WriteLineAsync(Line(row, widths));
        }
    }

    public static string Cell(string? value, int maxLength = MaxCell)
    {
        if (value is null)
        {
            return "-";
        }

        // Rows and recorded results can hold what a customer's server sent, or a hand edit: never raw control characters.
        var flat = Delegation.Checks.CustomerText.Escape(value.ReplaceLineEndings(" "), int.MaxValue);
        return flat.Length <= maxLength ? flat : string.Concat(flat.AsSpan(0, maxLength - 3), "...");
    }

    public static string Line(IReadOnlyList<string> cells, IReadOnlyList<int> widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            line.Append(i == cells.Count - 1 ? cells[i] : cells[i].PadRight(widths[i] + 2));
        }

        return line.ToString();
    }
}
