using System.CommandLine;
using System.Text.Json;
using Delegation.Cli.Common;

namespace Delegation.Cli.Rows;

/// <summary><c>delegation list</c>: streams every row, one page at a time.</summary>
internal static class ListCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object per line (JSON Lines)." };
        var command = new Command("list", "List every delegation in the table.\n\nExample:\n  delegation list --json") { json };
        CommandAction.Set(command, async (parseResult, context, cancellationToken) =>
        {
            var asJson = parseResult.GetValue(json);
            await foreach (var row in connection.CreateStore(parseResult).ListAsync(cancellationToken))
            {
                if (asJson)
                {
                    await context.Output.WriteLineAsync(JsonSerializer.Serialize(RowJson.From(row), CliJsonContext.Default.RowJson));
                }
                else
                {
                    await context.Output.WriteLineAsync($"{row.Domain,-40} {row.Server ?? "-",-36} {row.ClientBaseUrl ?? "-"}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
