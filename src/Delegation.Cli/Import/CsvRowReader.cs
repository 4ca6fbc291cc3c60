namespace Delegation.Cli.Import;

/// <summary>Turns CSV records into import records: the first record is the header and names the table's columns.</summary>
internal static class CsvRowReader
{
    public static IEnumerable<ImportRecord> Read(string text)
    {
        string?[]? header = null;
        foreach (var record in CsvReader.Read(text))
        {
            if (header is null)
            {
                header = ReadHeader(record);
                continue;
            }

            var key = KeyOf(record, header);
            if (record.Fields.Count != header.Length)
            {
                yield return new ImportRecord(record.Line, key, new Dictionary<string, string?>(), [
                    new ImportProblem(record.Line, key, "record", null, $"has {record.Fields.Count} fields but the header has {header.Length}; quote fields that contain commas or line breaks"),
                ]);
                continue;
            }

            yield return ToRecord(record, header, key);
        }
    }

    /// <summary>The value under the PartitionKey (or Domain) column, wherever the header puts it; null when empty or missing.</summary>
    private static string? KeyOf(CsvRecord record, string?[] header)
    {
        var index = Array.IndexOf(header, ImportColumns.Key);
        return index < record.Fields.Count && record.Fields[index].Length > 0 ? record.Fields[index] : null;
    }

    private static ImportRecord ToRecord(CsvRecord record, string?[] header, string? key)
    {
        var columns = new Dictionary<string, string?>();
        var problems = new List<ImportProblem>();
        for (var i = 0; i < header.Length; i++)
        {
            var value = record.Fields[i].Length == 0 ? null : record.Fields[i];
            switch (header[i])
            {
                case null or ImportColumns.Key or ImportColumns.Timestamp or ImportColumns.ETag:
                    break;
                case ImportColumns.RowKey:
                    if (value is not null)
                    {
                        problems.Add(new ImportProblem(record.Line, key, ImportColumns.RowKey, value, "must be empty: the table keeps one row per domain with an empty RowKey"));
                    }

                    break;
                default:
                    columns[header[i]!] = value;
                    break;
            }
        }

        return new ImportRecord(record.Line, key, columns, problems);
    }

    private static string?[] ReadHeader(CsvRecord record)
    {
        var header = new string?[record.Fields.Count];
        for (var i = 0; i < header.Length; i++)
        {
            var name = record.Fields[i].Trim();
            header[i] = ImportColumns.Canonical(name)
                ?? throw new ImportFileException($"line {record.Line}: header column '{name}' is not a column of the table; expected {ImportColumns.Expected}.");
            if (Array.IndexOf(header, header[i], 0, i) >= 0)
            {
                throw new ImportFileException($"line {record.Line}: header names column '{header[i]}' twice.");
            }
        }

        return Array.IndexOf(header, ImportColumns.Key) >= 0
            ? header
            : throw new ImportFileException($"line {record.Line}: the header has no PartitionKey (or Domain) column; the first line must name the columns: {ImportColumns.Expected}.");
    }
}
