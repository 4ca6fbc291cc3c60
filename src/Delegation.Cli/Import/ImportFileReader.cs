using System.Text;
using Delegation.Cli.Common;

namespace Delegation.Cli.Import;

/// <summary>
/// Reads a whole import file, or standard input for <c>-</c>, up front (so nothing is written from a file that turns out
/// broken half way): checks its size and encoding, strips a UTF-8 BOM, and picks JSON (array or JSON Lines) or CSV by
/// option, extension or content.
/// </summary>
internal static class ImportFileReader
{
    /// <summary>32 MiB: about 150,000 typical rows. Larger files are refused before they are read; split them.</summary>
    public const long MaxBytes = 32L * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<ImportFile> ReadAsync(string path, RowFileFormat? format, CancellationToken cancellationToken = default)
    {
        var name = ImportFile.NameOf(path);
        var bytes = path == ImportFile.StandardInput ? await ReadStandardInputAsync(cancellationToken) : await ReadBytesAsync(path, cancellationToken);
        var content = bytes.AsMemory();
        if (content.Span.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }
        else if (content.Span is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            throw new ImportFileException($"{name} is UTF-16 text; save it as UTF-8.");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(content.Span);
        }
        catch (DecoderFallbackException ex)
        {
            throw new ImportFileException($"{name} is not UTF-8 text (invalid byte at offset {ex.Index}); save it as UTF-8.");
        }

        var first = text.AsSpan().TrimStart();
        var chosen = format ?? Detect(path, first);
        IReadOnlyList<ImportRecord> records = chosen switch
        {
            RowFileFormat.Csv => [.. CsvRowReader.Read(text)],
            _ when first.StartsWith("[") => [.. JsonRowReader.ReadArray(content.ToArray())],
            _ => [.. JsonRowReader.ReadLines(text)],
        };
        return records.Count > 0
            ? new ImportFile(path, chosen, records)
            : throw new ImportFileException($"{name} holds no rows.");
    }

    private static RowFileFormat Detect(string path, ReadOnlySpan<char> content) =>
        System.IO.Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".CSV" => RowFileFormat.Csv,
            ".JSON" or ".JSONL" or ".NDJSON" => RowFileFormat.Json,
            _ => content.StartsWith("[") || content.StartsWith("{") ? RowFileFormat.Json : RowFileFormat.Csv,
        };

    // A pipe has no length to check first: read up to the limit and refuse what goes past it.
    private static async Task<byte[]> ReadStandardInputAsync(CancellationToken cancellationToken)
    {
        if (!Console.IsInputRedirected)
        {
            throw new ImportFileException("standard input is a terminal: pipe the rows in, e.g. 'delegation import - < rows.csv', or name the file.");
        }

        await using var input = Console.OpenStandardInput();
        using var bytes = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (bytes.Length + read > MaxBytes)
            {
                throw new ImportFileException($"standard input holds more than {MaxBytes / (1024 * 1024)} MiB (about 150,000 rows). Split it into smaller files and import each; re-running an import is safe.");
            }

            bytes.Write(buffer, 0, read);
        }

        return bytes.ToArray();
    }

    private static async Task<byte[]> ReadBytesAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new ImportFileException($"'{path}' does not exist.");
            }

            if (info.Length > MaxBytes)
            {
                throw new ImportFileException($"'{path}' is {info.Length / (1024.0 * 1024):F1} MiB; the limit is {MaxBytes / (1024 * 1024)} MiB (about 150,000 rows). Split it into smaller files and import each; re-running an import is safe.");
            }

            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ImportFileException($"'{path}' cannot be read: {ex.Message}");
        }
    }
}
