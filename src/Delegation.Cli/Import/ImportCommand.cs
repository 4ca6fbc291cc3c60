using System.CommandLine;
using Delegation.Cli.Common;

namespace Delegation.Cli.Import;

/// <summary>
/// <c>delegation import &lt;file&gt;</c>: validates every row first, reads each existing row with its ETag, then writes
/// the changes in parallel, one entity write per row, so a re-run finishes an interrupted import and changes nothing else.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var file = new Argument<string>("file") { Description = "JSON (an array of rows, or one object per line) or CSV with a header row; columns as in the table. '-' reads standard input (format from --format, else from the content)." };
        var format = RowFileFormatOption.Create("json or csv. Default: from the extension (.json, .jsonl, .csv), else from the content.");
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what would be added, changed, unchanged and invalid; write nothing." };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Write the valid rows even when some are invalid (they are still reported; exit status 1)." };
        var json = new Option<bool>("--json") { Description = "Print the report as one JSON document." };
        var parallel = new Option<int>("--parallel") { Description = "Writes in flight at once (1-256).", DefaultValueFactory = _ => 32 };
        parallel.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 256)
            {
                result.AddError("--parallel must be between 1 and 256.");
            }
        });
        var command = new Command(
            "import",
            "Add or replace many rows from a file. Every row is validated before anything is written; rows not in the file are left alone.\n\nExamples:\n  delegation import domains.csv --dry-run\n  delegation import domains.json\n  delegation import domains.jsonl --skip-invalid\n  delegation export | delegation import - --table copy")
        {
            file, format, dryRun, skipInvalid, json, parallel,
        };

        CommandAction.Set(command, connection, async (parseResult, context, cancellationToken) =>
        {
            var options = new ImportOptions(parseResult.GetValue(dryRun), parseResult.GetValue(skipInvalid), parseResult.GetValue(json), parseResult.GetValue(parallel));

            // Where the table is, checked before a file of up to 32 MiB is read; no request yet.
            var store = connection.CreateStore(parseResult);
            ImportFile importFile;
            try
            {
                importFile = await ImportFileReader.ReadAsync(parseResult.GetValue(file)!, parseResult.GetValue(format), cancellationToken);
            }
            catch (ImportFileException ex)
            {
                throw new CliException(ExitCodes.Invalid, $"{ex.Message} Nothing was written.");
            }

            return await new ImportRun(store, context, options).RunAsync(importFile, cancellationToken);
        });
        return command;
    }
}
