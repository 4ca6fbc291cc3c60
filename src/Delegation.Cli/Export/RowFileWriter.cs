using System.Text.Json;
using Delegation.Cli.Common;
using Delegation.Table;

namespace Delegation.Cli.Export;

/// <summary>Writes rows as they stream in: a JSON array with one row per line, or CSV with the table's column names.</summary>
internal sealed class RowFileWriter(TextWriter output, RowFileFormat format)
{
    private static readonly string[] Header = ["PartitionKey", .. DelegationRow.Columns];
    private int _count;

    public int Count => _count;

    public async Task WriteAsync(DelegationRow row)
    {
        if (format == RowFileFormat.Csv)
        {
            if (_count == 0)
            {
                await CsvWriter.WriteRecordAsync(output, Header);
            }

            await CsvWriter.WriteRecordAsync(output, [row.Domain, .. DelegationRow.Columns.Select(c => row[c])]);
        }
        else
        {
            await output.WriteAsync(_count == 0 ? "[\n" : ",\n");
            await output.WriteAsync(JsonSerializer.Serialize(RowJson.From(row), CliJsonContext.Default.RowJson));
        }

        _count++;
    }

    public async Task CompleteAsync()
    {
        if (format == RowFileFormat.Csv)
        {
            if (_count == 0)
            {
                await CsvWriter.WriteRecordAsync(output, Header);
            }
        }
        else
        {
            await output.WriteAsync(_count == 0 ? "[]\n" : "\n]\n");
        }

        await output.FlushAsync();
    }
}
