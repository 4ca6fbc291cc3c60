using System.CommandLine;
using System.Text.Json;
using Delegation.Cli.Common;
using Delegation.Documents;
using Delegation.Table;

namespace Delegation.Cli.Rows;

/// <summary><c>delegation list</c>: streams every row, one page at a time; memory does not grow with the table.</summary>
internal static class ListCommand
{
    private static readonly string[] Headers = ["DOMAIN", "SERVER", "CLIENT BASE URL", "SUPPORT", "STATUS"];
    private static readonly int[] Widths = [40, 36, 40, 7, 7];

    public static Command Create(ConnectionOptions connection)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object per line (JSON Lines), with the table's column names." };
        var command = new Command("list", "List every delegation in the table, in domain order. STATUS 'invalid' means 'delegation lint' has details.\n\nExamples:\n  delegation list\n  delegation list --json | jq -r .PartitionKey") { json };
        CommandAction.Set(command, async (parseResult, context, cancellationToken) =>
        {
            var asJson = parseResult.GetValue(json);
            if (!asJson)
            {
                await context.Output.WriteLineAsync(TextTable.Line(Headers, Widths));
            }

            await foreach (var row in connection.CreateStore(parseResult).ListAsync(cancellationToken))
            {
                await context.Output.WriteLineAsync(asJson
                    ? JsonSerializer.Serialize(RowJson.From(row), CliJsonContext.Default.RowJson)
                    : TextTable.Line(Cells(row), Widths));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string[] Cells(DelegationRow row) =>
    [
        row.Domain,
        TextTable.Cell(row.Server),
        TextTable.Cell(row.ClientBaseUrl),
        row.Support is null ? "-" : "yes",
        DelegationDocuments.FromRow(row).Problems.Count == 0 ? "ok" : "invalid",
    ];
}
