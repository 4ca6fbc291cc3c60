namespace Delegation.Cli.Export;

/// <summary>RFC 4180 output: fields with commas, quotes, line breaks or edge spaces are quoted, quotes doubled; CRLF between records.</summary>
internal static class CsvWriter
{
    public static async Task WriteRecordAsync(TextWriter output, IEnumerable<string?> fields)
    {
        await output.WriteAsync(string.Join(',', fields.Select(Quote)));
        await output.WriteAsync("\r\n");
    }

    public static string Quote(string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return string.Empty;
        }

        var needsQuotes = field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1]);
        return needsQuotes ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
    }
}
