using System.Text.Json;

namespace Delegation.Cli.Import;

/// <summary>Reads rows from a JSON array of objects, or from JSON Lines (one object per line); blank lines and comments are skipped in both.</summary>
internal static class JsonRowReader
{
    public static IEnumerable<ImportRecord> ReadArray(byte[] utf8)
    {
        var records = new List<ImportRecord>();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var line = 1;
        long counted = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new ImportFileException("line 1: a JSON file must be an array of row objects, or one object per line.");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                line += CountNewlines(utf8, counted, reader.TokenStartIndex);
                counted = reader.TokenStartIndex;
                using var element = JsonDocument.ParseValue(ref reader);
                records.Add(ToRecord(line, element.RootElement));
            }

            if (reader.Read())
            {
                throw new ImportFileException($"line {line}: unexpected content after the closing ']'.");
            }
        }
        catch (JsonException ex)
        {
            throw new ImportFileException($"line {(ex.LineNumber ?? 0) + 1}: not valid JSON: {FirstSentence(ex.Message)}");
        }

        return records;
    }

    public static IEnumerable<ImportRecord> ReadLines(string text)
    {
        var line = 0;
        foreach (var raw in text.Split('\n'))
        {
            line++;
            var content = raw.Trim();
            if (content.Length == 0 || IsComment(content))
            {
                continue;
            }

            ImportRecord record;
            try
            {
                using var document = JsonDocument.Parse(content, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
                record = ToRecord(line, document.RootElement);
            }
            catch (JsonException ex)
            {
                record = new ImportRecord(line, null, new Dictionary<string, string?>(), [new ImportProblem(line, null, "record", Shorten(content), $"is not valid JSON: {FirstSentence(ex.Message)} (JSON Lines: one whole object per line)")]);
            }

            yield return record;
        }
    }

    private static ImportRecord ToRecord(int line, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new ImportRecord(line, null, new Dictionary<string, string?>(), [new ImportProblem(line, null, "record", Shorten(element.GetRawText()), "must be a JSON object with the table's column names")]);
        }

        var key = element.TryGetProperty(ImportColumns.Key, out var k) || element.TryGetProperty(ImportColumns.KeyAlias, out k) ? k : default;
        var domain = key.ValueKind == JsonValueKind.String ? key.GetString() : null;
        string? keyValue = null;
        var columns = new Dictionary<string, string?>();
        var problems = new List<ImportProblem>();
        foreach (var property in element.EnumerateObject())
        {
            var column = ImportColumns.Canonical(property.Name);
            if (column is null)
            {
                problems.Add(new ImportProblem(line, domain, property.Name, Shorten(property.Value.GetRawText()), $"is not a column of the table; expected {ImportColumns.Expected}"));
                continue;
            }

            if (column is ImportColumns.Timestamp or ImportColumns.ETag)
            {
                continue;
            }

            string? value;
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String:
                    value = property.Value.GetString() is { Length: > 0 } text ? text : null;
                    break;
                case JsonValueKind.Null:
                    value = null;
                    break;
                default:
                    problems.Add(new ImportProblem(line, domain, column, Shorten(property.Value.GetRawText()), "must be a JSON string (ClientExtra and Support hold JSON text, as 'delegation export' writes them)"));
                    continue;
            }

            if (column == ImportColumns.Key)
            {
                keyValue = value;
            }
            else if (column == ImportColumns.RowKey)
            {
                if (value is not null)
                {
                    problems.Add(new ImportProblem(line, domain, column, value, "must be empty: the table keeps one row per domain with an empty RowKey"));
                }
            }
            else if (!columns.TryAdd(column, value))
            {
                problems.Add(new ImportProblem(line, domain, column, value, "is given twice"));
            }
        }

        return new ImportRecord(line, keyValue, columns, problems);
    }

    /// <summary>A line that holds only a comment, skipped as the array reader skips comments.</summary>
    private static bool IsComment(string line) =>
        line.StartsWith("//", StringComparison.Ordinal)
        || (line.StartsWith("/*", StringComparison.Ordinal) && line.IndexOf("*/", 2, StringComparison.Ordinal) == line.Length - 2);

    private static int CountNewlines(byte[] utf8, long from, long to)
    {
        var span = utf8.AsSpan((int)from, (int)(to - from));
        return span.Count((byte)'\n');
    }

    private static string Shorten(ReadOnlySpan<char> text) => text.Length <= 120 ? text.ToString() : string.Concat(text[..117], "...");

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).Trim();
    }
}
