using System.Diagnostics;
using Azure.Data.Tables;
using Delegation.Cli;

namespace Delegation.Benchmarks.Import;

/// <summary>
/// Side by side, in one run against the same table service: rows written one sequential upsert at a time (the naive
/// loop), then the same rows through 'delegation import'. Run by eng/import-benchmark.sh.
/// </summary>
internal static class ImportComparison
{
    /// <param name="azurite">The table service's process, to report its CPU time per row; null when not local.</param>
    public static async Task<int> RunAsync(string connectionString, int rows, string parallel, ServerCpu? azurite)
    {
        var file = Path.Combine(Path.GetTempPath(), $"import-benchmark-{Environment.ProcessId}.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, rows).Select(BenchmarkRows.JsonLine));
        var service = new TableServiceClient(connectionString);

        var sequentialTable = service.GetTableClient($"seq{Guid.NewGuid():N}"[..24]);
        await sequentialTable.CreateAsync();
        var cpuBefore = azurite?.Read();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < rows; i++)
        {
            await sequentialTable.UpsertEntityAsync(BenchmarkRows.Entity(i), TableUpdateMode.Replace);
        }

        var sequential = stopwatch.Elapsed;
        var sequentialCpu = azurite?.Read() - cpuBefore;

        var importTable = $"imp{Guid.NewGuid():N}"[..24];
        var error = new StringWriter();
        cpuBefore = azurite?.Read();
        stopwatch.Restart();
        var exitCode = await DelegationCommand.InvokeAsync(["import", file, "--parallel", parallel, "--connection-string", connectionString, "--table", importTable], TextWriter.Null, error);
        var imported = stopwatch.Elapsed;
        var importedCpu = azurite?.Read() - cpuBefore;
        File.Delete(file);
        if (exitCode != 0)
        {
            await Console.Error.WriteLineAsync($"import failed with {exitCode}: {error}");
            return 1;
        }

        var sequentialCount = await BenchmarkRows.CountAsync(sequentialTable);
        var importedCount = await BenchmarkRows.CountAsync(service.GetTableClient(importTable));
        var speedup = sequential / imported;
        Console.WriteLine($"rows: {rows} (tables hold {sequentialCount} and {importedCount})");
        Console.WriteLine($"sequential upserts: {sequential.TotalSeconds:F2} s ({rows / sequential.TotalSeconds:F0} rows/s)");
        Console.WriteLine($"delegation import --parallel {parallel}: {imported.TotalSeconds:F2} s ({rows / imported.TotalSeconds:F0} rows/s)");
        Console.WriteLine($"speed-up: {speedup:F1}x");
        if (azurite is not null)
        {
            Console.WriteLine($"Azurite CPU per row: sequential {sequentialCpu!.Value.TotalMilliseconds / rows:F2} ms, import {importedCpu!.Value.TotalMilliseconds / rows:F2} ms");
        }

        await sequentialTable.DeleteAsync();
        await service.GetTableClient(importTable).DeleteAsync();
        return sequentialCount == rows && importedCount == rows ? 0 : 1;
    }
}
