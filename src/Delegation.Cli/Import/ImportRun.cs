using Delegation.Cli.Common;
using Delegation.Table;

namespace Delegation.Cli.Import;

/// <summary>One import: validate, plan against the table, then write (unless a dry run or invalid rows stop it).</summary>
internal sealed class ImportRun(IDelegationStore store, CommandContext context, ImportOptions options)
{
    public async Task<int> RunAsync(ImportFile file, CancellationToken cancellationToken = default)
    {
        var validated = ImportValidator.Validate(file.Records);
        var refuse = validated.InvalidRecords > 0 && !options.SkipInvalid && !options.DryRun;
        if (refuse)
        {
            await WriteAsync(new ImportReport(file, validated, [], [], DryRun: false, Written: false));
            await context.Error.WriteLineAsync($"{validated.InvalidRecords} invalid rows; nothing was written. Fix them, or pass --skip-invalid to write the {validated.Rows.Count} valid rows.");
            return ExitCodes.Invalid;
        }

        IReadOnlyList<PlannedRow> plan;
        try
        {
            if (!options.DryRun)
            {
                await store.EnsureTableAsync(cancellationToken);
            }

            plan = await ImportPlanner.PlanAsync(store, validated.Rows, options.Parallelism, cancellationToken);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Interrupted, "Interrupted while reading the table: no rows were written.");
        }

        if (options.DryRun)
        {
            await WriteAsync(new ImportReport(file, validated, plan, [], DryRun: true, Written: false));
            return validated.InvalidRecords > 0 ? ExitCodes.Invalid : ExitCodes.Success;
        }

        var pending = plan.Where(p => p.Change.Action != RowAction.Unchanged).ToList();
        var writer = new ImportWriter(store, options.Parallelism);
        var lines = options.Json ? TextWriter.Null : context.Output;
        IReadOnlyList<ImportConflict> conflicts = [];
        try
        {
            await TerminalProgress.RunAsync(TerminalProgress.IsTerminal(lines), lines, "Writing", pending.Count, async progress =>
                conflicts = await writer.WriteAsync(pending, () => progress.Advance(done => WrittenLine(progress, done)), cancellationToken));
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Writes cancelled in flight may still have landed: the count is of the writes storage confirmed. A re-run
            // reads every row again, skips the ones that already match the file and writes the rest.
            throw new CliException(ExitCodes.Interrupted, $"Interrupted: wrote at least {writer.Written} of {pending.Count} rows; run the same import again to finish.");
        }
        catch (Exception)
        {
            await context.Error.WriteLineAsync($"Wrote at least {writer.Written} of {pending.Count} rows before the failure below; run the same import again to finish (rows already written are unchanged then).");
            throw;
        }

        await WriteAsync(new ImportReport(file, validated, plan, conflicts, DryRun: false, Written: writer.Written > 0));
        if (conflicts.Count > 0)
        {
            await context.Error.WriteLineAsync($"{conflicts.Count} rows were changed by someone else after they were read and were not written; check them and import again.");
            return ExitCodes.Conflict;
        }

        return validated.InvalidRecords > 0 ? ExitCodes.Invalid : ExitCodes.Success;
    }

    private static string? WrittenLine(TerminalProgress progress, int done) =>
        progress.IsTenth(done) ? $"Written {done:N0}/{progress.Total:N0} rows ({progress.Rate:N0}/s)" : null;

    private Task WriteAsync(ImportReport report) => options.Json ? report.WriteJsonAsync(context.Output) : report.WriteTextAsync(context.Output);
}
