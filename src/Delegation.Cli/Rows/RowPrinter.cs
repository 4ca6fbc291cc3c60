using System.Text.Json;
using Delegation.Cli.Common;
using Delegation.Documents;
using Delegation.Table;

namespace Delegation.Cli.Rows;

/// <summary>Writes a row for people (one "column value" line each, then why it is invalid, if it is) or as JSON for scripts.</summary>
internal static class RowPrinter
{
    private static readonly JsonSerializerOptions Indented = new(CliJsonContext.Default.Options) { WriteIndented = true };

    public static async Task WriteAsync(TextWriter output, DelegationRow row, bool json)
    {
        var problems = DelegationDocuments.FromRow(row).Problems;
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(RowJson.From(row) with { ETag = row.ETag?.ToString() }, Indented.GetTypeInfo(typeof(RowJson))));
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

        await output.WriteLineAsync($"  {"ETag",-22} {row.ETag}");
        foreach (var problem in problems)
        {
            await output.WriteLineAsync($"  invalid: {problem}");
        }
    }
}
