using Delegation.Cli.Common;
using Delegation.Names;
using Delegation.Table;

namespace Delegation.Cli.Import;

/// <summary>
/// Applies the service's own rules to every record (DomainName for the key, <see cref="RowEdit"/> for the columns) and
/// refuses a domain that appears more than once, since the file would not say which version wins.
/// </summary>
internal static class ImportValidator
{
    public static ValidatedImport Validate(IReadOnlyList<ImportRecord> records)
    {
        var linesByDomain = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (DomainName.TryParse(record.Key, out var domain, out _))
            {
                linesByDomain.TryAdd(domain, []);
                linesByDomain[domain].Add(record.Line);
            }
        }

        var rows = new List<ImportRow>(records.Count);
        var problems = new List<ImportProblem>();
        var invalidRecords = 0;
        foreach (var record in records)
        {
            var recordProblems = Check(record, out var row);
            if (DomainName.TryParse(record.Key, out var domain, out _) && linesByDomain[domain] is { Count: > 1 } lines)
            {
                recordProblems.Add(new ImportProblem(record.Line, domain, ImportColumns.Key, record.Key, $"appears more than once in the file (lines {string.Join(", ", lines)}); keep one"));
            }

            if (recordProblems.Count > 0)
            {
                problems.AddRange(recordProblems);
                invalidRecords++;
            }
            else
            {
                rows.Add(new ImportRow(record.Line, row!));
            }
        }

        return new ValidatedImport(rows, problems, invalidRecords);
    }

    private static List<ImportProblem> Check(ImportRecord record, out DelegationRow? row)
    {
        row = null;
        var problems = new List<ImportProblem>(record.Problems);
        if (!DomainName.TryParse(record.Key, out var domain, out var keyError))
        {
            problems.Add(new ImportProblem(record.Line, record.Key, ImportColumns.Key, record.Key, record.Key is null ? "is missing: every row needs its domain" : keyError));
            return problems;
        }

        var edit = RowEdit.WholeRow(domain, column => record.Columns.TryGetValue(column, out var value) ? value : null).ApplyTo(null);
        var candidate = edit.Change.Row;
        problems.AddRange(edit.Problems.Select(p => ImportProblem.From(record.Line, domain, p)));
        if (problems.Count == 0 && candidate.IsEmpty)
        {
            problems.Add(new ImportProblem(record.Line, domain, "record", null, "sets no column; give at least one of Server, ClientBaseUrl, Support"));
        }

        if (problems.Count == 0)
        {
            row = candidate;
        }

        return problems;
    }
}
