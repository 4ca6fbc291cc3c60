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
        CommandAction.Set(command, async (parseResult, context, cancellationToken) =>
        {
            var domain = DomainArgument.Parse(parseResult, domainArgument);
            var store = connection.CreateStore(parseResult);
            var row = await store.GetAsync(domain, cancellationToken);
            if (IfMatchOption.Mismatch(domain, parseResult.GetValue(ifMatch), row) is { } mismatch)
            {
                throw new CliException(ExitCodes.Conflict, mismatch);
            }

            if (row is null)
            {
                await context.Error.WriteLineAsync($"No row for '{domain}'.");
                return ExitCodes.NotFound;
            }

            if (!await store.TryDeleteAsync(domain, row.ETag!.Value, cancellationToken))
            {
                var now = await store.GetAsync(domain, cancellationToken);
                await context.Error.WriteLineAsync($"The row for '{domain}' was changed by someone else after it was read; nothing was deleted. Look at it again with 'delegation get {domain}'.");
                await context.Error.WriteLineAsync(RowChanges.Describe(row, now));
                return ExitCodes.Conflict;
            }

            await context.Output.WriteLineAsync($"Removed {domain}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
