using System.CommandLine;
using System.Text.Json;
using Delegation.Cli.Common;

namespace Delegation.Cli.Lint;

/// <summary><c>delegation lint</c>: reads every row (streaming) and reports invalid rows and likely mistakes.</summary>
internal static class LintCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var json = new Option<bool>("--json") { Description = "Print the findings as one JSON document." };
        var command = new Command(
            "lint",
            "Check every row with the service's own rules (errors: the row, or that document, is not served) and warn about likely mistakes. Exit status 1 when any row is invalid.\n\nExamples:\n  delegation lint\n  delegation lint --json")
        {
            json,
        };

        CommandAction.Set(command, connection, async (parseResult, context, cancellationToken) =>
        {
            var findings = new List<LintFinding>();
            var wildcards = new WildcardShadowing();
            var rows = 0;
            await foreach (var row in connection.CreateStore(parseResult).ListAsync(cancellationToken))
            {
                rows++;
                wildcards.Add(row.Domain);
                findings.AddRange(RowLinter.Check(row));
            }

            findings.AddRange(wildcards.Findings());
            var invalid = findings.Where(f => f.Severity == LintFinding.Error).Select(f => f.Domain).Distinct(StringComparer.Ordinal).Count();
            var warnings = findings.Count(f => f.Severity == LintFinding.Warning);
            if (parseResult.GetValue(json))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(new LintReportJson(rows, invalid, warnings, findings), LintJsonContext.Default.LintReportJson));
            }
            else
            {
                if (findings.Count > 0)
                {
                    await TextTable.WriteAsync(context.Output, ["DOMAIN", "SEVERITY", "FIELD", "VALUE", "RULE"], [.. findings.Select(f => new[] { f.Domain, f.Severity, f.Field, f.Value, f.Rule })]);
                    await context.Output.WriteLineAsync();
                }

                await context.Output.WriteLineAsync($"{rows} rows: {invalid} invalid, {warnings} warnings.");
            }

            return invalid > 0 ? ExitCodes.Invalid : ExitCodes.Success;
        });
        return command;
    }
}
