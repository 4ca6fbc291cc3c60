using System.Text;

namespace Delegation.Cli.Import;

/// <summary>
/// A strict RFC 4180 reader: comma-separated fields, double-quoted fields may hold commas, quotes ("") and line breaks.
/// Each record carries the line it starts on; blank lines are skipped. Malformed quoting is an error, not a guess.
/// </summary>
internal static class CsvReader
{
    public static IEnumerable<CsvRecord> Read(string text)
    {
        var line = 1;
        var position = 0;
        while (position < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var endOfRecord = false;
            var atFieldStart = true;
            while (!endOfRecord)
            {
                if (position >= text.Length)
                {
                    fields.Add(field.ToString());
                    break;
                }

                var c = text[position++];
                if (atFieldStart && c == '"')
                {
                    ReadQuoted(text, ref position, ref line, start, field);
                    atFieldStart = false;
                    if (position < text.Length && text[position] is not (',' or '\n' or '\r'))
                    {
                        throw new ImportFileException($"line {line}: unexpected '{text[position]}' after a closing quote; a quoted field must end at ',' or the end of the line.");
                    }

                    continue;
                }

                atFieldStart = false;
                switch (c)
                {
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        atFieldStart = true;
                        break;
                    case '\r' when position < text.Length && text[position] == '\n':
                        break;
                    case '\n' or '\r':
                        fields.Add(field.ToString());
                        line++;
                        endOfRecord = true;
                        break;
                    case '"':
                        throw new ImportFileException($"line {line}: a '\"' inside an unquoted field; quote the whole field and double the quote (\"\").");
                    default:
                        field.Append(c);
                        break;
                }
            }

            if (fields.Count == 1 && string.IsNullOrWhiteSpace(fields[0]))
            {
                continue;
            }

            yield return new CsvRecord(start, fields);
        }
    }

    private static void ReadQuoted(string text, ref int position, ref int line, int recordLine, StringBuilder field)
    {
        var opened = line;
        while (position < text.Length)
        {
            var c = text[position++];
            if (c == '"')
            {
                if (position < text.Length && text[position] == '"')
                {
                    field.Append('"');
                    position++;
                    continue;
                }

                return;
            }

            // A line ends at "\n", "\r\n" or a lone "\r", inside quotes as outside them.
            if (c == '\n' || (c == '\r' && (position >= text.Length || text[position] != '\n')))
            {
                line++;
            }

            field.Append(c);
        }

        throw new ImportFileException($"line {opened}: the quoted field opened here (record of line {recordLine}) is never closed: unterminated quote.");
    }
}
