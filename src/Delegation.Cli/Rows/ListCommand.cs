using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Delegation.Checks;
using Delegation.Cli.Check;
using Delegation.Cli.Common;
using Delegation.Documents;
using Delegation.Table;

namespace Delegation.Cli.Rows;

/// <summary><c>delegation list</c>: streams every row, one page at a time; memory does not grow with the table.</summary>
internal static class ListCommand
{
    private static readonly string[] Headers = ["DOMAIN", "SERVER", "CLIENT BASE URL", "SUPPORT", "STATUS", "CHECK"];
    private static readonly int[] Widths = [40, 36, 40, 7, 7, 5];

    public static Command Create(ConnectionOptions connection)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object per line (JSON Lines), with the table's column names." };
        var command = new Command("list", "List every delegation in the table, in domain order. STATUS 'invalid' means 'delegation lint' has details. CHECK is the last recorded check (ok, warn, FAIL, never; 'delegation checks' has details).\n\nExamples:\n  delegation list\n  delegation list --json | jq -r .PartitionKey") { json, connection.ChecksTable, connection.Secondary };
        CommandAction.Set(command, connection, async (parseResult, context, cancellationToken) =>
        {
            var asJson = parseResult.GetValue(json);
            await using var checks = new RecordedChecks(connection.CreateCheckResultStore(parseResult), cancellationToken);
            var store = connection.CreateStore(parseResult);

            // The header waits for the first answer from the table, so a storage failure prints only its one line.
            var header = !asJson;
            await foreach (var row in store.ListAsync(cancellationToken))
            {
                if (header)
                {
                    await context.Output.WriteLineAsync(TextTable.Line(Headers, Widths));
                    header = false;
                }

                var check = await checks.ForAsync(row.Domain);
                await context.Output.WriteLineAsync(asJson ? Json(row, check) : TextTable.Line(Cells(row, check), Widths));
            }

            if (header)
            {
                await context.Output.WriteLineAsync(TextTable.Line(Headers, Widths));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Json(DelegationRow row, CheckResult? check)
    {
        var json = JsonSerializer.SerializeToNode(RowJson.From(row), CliJsonContext.Default.RowJson)!.AsObject();
        json["Check"] = check is null ? "never" : StatusWords.Of(check.Status);
        foreach (var (name, value) in new[]
        {
            ("CheckedAt", check?.CheckedAt.ToString("O", CultureInfo.InvariantCulture)),
            ("CheckStep", check?.Step),
            ("CheckMessage", check?.Message),
            ("CertificateExpires", check?.CertificateExpires?.ToString("O", CultureInfo.InvariantCulture)),
        })
        {
            if (value is not null)
            {
                json[name] = value;
            }
        }

        return json.ToJsonString();
    }

    private static string[] Cells(DelegationRow row, CheckResult? check) =>
    [
        row.Domain,
        TextTable.Cell(row.Server),
        TextTable.Cell(row.ClientBaseUrl),
        row.Support is null ? "-" : "yes",
        DelegationDocuments.FromRow(row).Problems.Count == 0 ? "ok" : "invalid",
        StatusWords.Column(check?.Status),
    ];
}
