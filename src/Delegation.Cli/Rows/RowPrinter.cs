using System.Text.Json;
using Delegation.Table;

namespace Delegation.Cli.Rows;

/// <summary>Writes rows for people (one "column: value" line each) or as JSON for scripts.</summary>
internal static class RowPrinter
{
    private static readonly JsonSerializerOptions Indented = new(CliJsonContext.Default.Options) { WriteIndented = true };

    public static async Task WriteAsync(TextWriter output, DelegationRow row, bool json)
    {
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(RowJson.From(row), Indented.GetTypeInfo(typeof(RowJson))));
            return;
        }

        await output.WriteLineAsync(row.Domain);
        foreach (var column in DelegationRow.Columns)
        {
            if (row[column] is { } value)
            {
                await output.WriteLineAsync($"  {column,-22} {value}");
            }
        }
    }
}
