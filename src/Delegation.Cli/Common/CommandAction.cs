using System.CommandLine;
using Delegation.Table;

namespace Delegation.Cli.Common;

/// <summary>Runs a command body and turns expected failures into one clear line and a documented exit status.</summary>
internal static class CommandAction
{
    public static void Set(Command command, ConnectionOptions connection, Func<ParseResult, CommandContext, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = new CommandContext(parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
            try
            {
                return await body(parseResult, context, cancellationToken);
            }
            catch (CliException ex)
            {
                await context.Error.WriteLineAsync(ex.Message);
                return ex.ExitCode;
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                // Commands that write or check many rows say how far they got (a CliException with that status); others stop here.
                await context.Error.WriteLineAsync("Interrupted.");
                return ExitCodes.Interrupted;
            }
            catch (Exception ex) when (StorageFailure.From(ex, cancellationToken) is { } failure)
            {
                await context.Error.WriteLineAsync(StorageErrorLine.For(failure, connection.Read(parseResult)));
                return ExitCodes.Storage;
            }
            finally
            {
                connection.Release();
            }
        });
}
