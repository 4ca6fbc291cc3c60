using System.CommandLine;
using System.Text;
using Delegation.Cli.Common;
using Delegation.Table;

namespace Delegation.Cli.Export;

/// <summary>
/// <c>delegation export</c>: every row in PartitionKey order, streamed page by page (memory does not grow with the
/// table), in a form <c>delegation import</c> reads back. A file is written beside the target and moved into place.
/// </summary>
internal static class ExportCommand
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Create(ConnectionOptions connection)
    {
        var format = RowFileFormatOption.Create("json (an array, one row per line) or csv. Default: json.");
        var outputFile = new Option<string?>("--output", "-o") { Description = "File to write. Default: standard output." };
        var command = new Command("export", "Write every row, in a stable order, as JSON or CSV that 'delegation import' reads back.\n\nExamples:\n  delegation export --output delegations.json\n  delegation export --format csv > delegations.csv")
        {
            format, outputFile, connection.Secondary,
        };

        CommandAction.Set(command, connection, async (parseResult, context, cancellationToken) =>
        {
            var store = connection.CreateStore(parseResult);
            var path = parseResult.GetValue(outputFile);
            if (path is null)
            {
                var rows = new RowFileWriter(context.Output, parseResult.GetValue(format) ?? RowFileFormat.Json);
                try
                {
                    await ExportAsync(store, rows, context.Error, cancellationToken);
                }
                catch (Exception) when (cancellationToken.IsCancellationRequested)
                {
                    // What went to standard output cannot be taken back: a CSV cut short would look complete.
                    throw new CliException(ExitCodes.Interrupted, $"Interrupted: wrote {rows.Count} rows to standard output; that output is incomplete.");
                }

                return ExitCodes.Success;
            }

            var temporary = $"{path}.{Environment.ProcessId}.partial";
            var count = 0;
            try
            {
                await using (var writer = new StreamWriter(temporary, append: false, Utf8NoBom))
                {
                    var rows = new RowFileWriter(writer, parseResult.GetValue(format) ?? RowFileFormat.Json);
                    try
                    {
                        await ExportAsync(store, rows, context.Error, cancellationToken);
                    }
                    finally
                    {
                        count = rows.Count;
                    }
                }

                File.Move(temporary, path, overwrite: true);
                await context.Error.WriteLineAsync($"Exported {count} rows to '{path}'.");
                return ExitCodes.Success;
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                throw new CliException(ExitCodes.Interrupted, $"Interrupted: '{path}' was not written (left as it was); {count} rows had been read.");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.Invalid, $"--output '{path}' cannot be written: {ex.Message}");
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        });
        return command;
    }

    private static async Task ExportAsync(IDelegationStore store, RowFileWriter writer, TextWriter error, CancellationToken cancellationToken)
    {
        await foreach (var row in store.ListAsync(cancellationToken))
        {
            foreach (var problem in row.ColumnErrors)
            {
                await error.WriteLineAsync($"warning: {row.Domain}: {problem.Field} holds {problem.Value}, which {problem.Rule}; it is left out of the export.");
            }

            await writer.WriteAsync(row);
        }

        await writer.CompleteAsync();
    }
}
