using System.CommandLine;
using Delegation.Cli.Common;

namespace Delegation.Cli.Rows;

/// <summary><c>delegation get &lt;domain&gt;</c>.</summary>
internal static class GetCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var domainArgument = DomainArgument.Create();
        var json = new Option<bool>("--json") { Description = "Print the row as JSON." };
        var command = new Command("get", "Show one domain's row.\n\nExample:\n  delegation get example.com --json") { domainArgument, json, connection.Secondary };
        CommandAction.Set(command, connection, async (parseResult, context, cancellationToken) =>
        {
            var domain = DomainArgument.Parse(parseResult, domainArgument);
            var row = await connection.CreateStore(parseResult).GetAsync(domain, cancellationToken);
            if (row is null)
            {
                await context.Error.WriteLineAsync($"No row for '{domain}'.");
                return ExitCodes.NotFound;
            }

            await RowPrinter.WriteAsync(context.Output, row, parseResult.GetValue(json));
            return ExitCodes.Success;
        });
        return command;
    }
}
