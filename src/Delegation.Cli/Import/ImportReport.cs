using System.Text.Json;
using Delegation.Cli.Common;

namespace Delegation.Cli.Import;

/// <summary>Writes what an import did or would do: tables for people, one JSON document for scripts.</summary>
internal sealed record ImportReport(ImportFile File, ValidatedImport Validated, IReadOnlyList<PlannedRow> Plan, IReadOnlyList<ImportConflict> Conflicts, bool DryRun, bool Written)
{
    public int Count(RowAction action) => Plan.Count(p => p.Change.Action == action);

    public Task WriteJsonAsync(TextWriter output) =>
        output.WriteLineAsync(JsonSerializer.Serialize(ToJson(), ImportJsonContext.Default.ImportReportJson));

    public async Task WriteTextAsync(TextWriter output)
    {
        var changes = Plan.Where(p => p.Change.Action != RowAction.Unchanged).ToList();
        if (DryRun && changes.Count > 0)
        {
            await TextTable.WriteAsync(output, ["LINE", "ACTION", "DOMAIN", "COLUMNS"], [.. changes.Select(p => Cells(p.Line.ToString(), Action(p.Change.Action), p.Change.Row.Domain, Columns(p.Change)))]);
            await output.WriteLineAsync();
        }

        if (Validated.Problems.Count > 0)
        {
            await output.WriteLineAsync($"Invalid rows ({Validated.InvalidRecords}):");
            await TextTable.WriteAsync(output, ["LINE", "DOMAIN", "FIELD", "VALUE", "RULE"], [.. Validated.Problems.Select(p => Cells(p.Line.ToString(), p.Domain, p.Field, p.Value, p.Rule))]);
            await output.WriteLineAsync();
        }

        foreach (var conflict in Conflicts)
        {
            await output.WriteLineAsync(conflict.ToString());
        }

        var verb = DryRun ? "would be " : string.Empty;
        await output.WriteLineAsync(
            $"{File.Records.Count} records in {File.Name}: {Count(RowAction.Added)} {verb}added, {Count(RowAction.Changed)} {verb}changed, {Count(RowAction.Unchanged)} unchanged, {Validated.InvalidRecords} invalid"
            + (Conflicts.Count > 0 ? $", {Conflicts.Count} conflicts (not written)." : "."));
        if (!Written)
        {
            await output.WriteLineAsync(DryRun ? "Dry run: nothing was written." : "Nothing was written.");
        }
    }

    private ImportReportJson ToJson() => new(
        File.Path,
        File.Format.ToString().ToLowerInvariant(),
        DryRun,
        new ImportSummaryJson(File.Records.Count, Count(RowAction.Added), Count(RowAction.Changed), Count(RowAction.Unchanged), Validated.InvalidRecords, Conflicts.Count, Written),
        [.. Plan.Select(p => new ImportRowJson(p.Line, p.Change.Row.Domain, Action(p.Change.Action), [.. p.Change.ChangedColumns], [.. p.Change.ClearedColumns]))],
        [.. Validated.Problems.Select(p => new ImportProblemJson(p.Line, p.Domain, p.Field, p.Value, p.Rule))],
        [.. Conflicts.Select(c => new ImportConflictJson(c.Line, c.Conflict.Domain, c.Conflict.Change))]);

    // "Server, Support (cleared)": a column the file leaves out or empty is cleared, which a dry run must not hide.
    private static string Columns(RowChange change) =>
        string.Join(", ", change.ChangedColumns.Select(c => change.ClearedColumns.Contains(c) ? $"{c} (cleared)" : c));

    private static string Action(RowAction action) => action.ToString().ToLowerInvariant();

    private static string?[] Cells(params string?[] cells) => cells;
}
