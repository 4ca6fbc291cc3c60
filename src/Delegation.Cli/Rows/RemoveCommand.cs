using System.CommandLine;
using Delegation.Cli.Common;

namespace Delegation.Cli.Rows;

/// <summary><c>delegation remove &lt;domain&gt;</c>: deletes the row as it was read (ETag), so a concurrent edit is not lost.</summary>
internal static class RemoveCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var domainArgument = DomainArgument.Create();
        var ifMatch = IfMatchOption.Create();
        var command = new Command("remove", "Delete one domain's row; refuses if someone changed it meanwhile.\n\nExample:\n  delegation remove example.com") { domainArgument, ifMatch };
        CommandAction.Set(command, connection, async (parseResult, context, cancellationToken) =>
        {
            var domain = DomainArgument.Parse(parseResult, domainArgument);
            var store = connection.CreateStore(parseResult);
            var row = await IfMatchOption.ReadAsync(store, domain, parseResult.GetValue(ifMatch), cancellationToken);
            if (row is null)
            {
                await context.Error.WriteLineAsync($"No row for '{domain}'.");
                return ExitCodes.NotFound;
            }

            if (await new RowWriter(store).DeleteAsync(row, cancellationToken) is { } conflict)
            {
                await conflict.WriteAsync(context.Error, $"nothing was deleted. Look at it again with 'delegation get {domain}'.");
                return ExitCodes.Conflict;
            }

            await context.Output.WriteLineAsync($"Removed {domain}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
