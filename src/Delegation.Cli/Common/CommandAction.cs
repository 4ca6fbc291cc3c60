using System.CommandLine;

namespace Delegation.Cli.Common;

/// <summary>Runs a command body and turns expected failures into one clear line and a documented exit status.</summary>
internal static class CommandAction
{
    public static void Set(Command command, Func<ParseResult, CommandContext, CancellationToken, Task<int>> body) =>
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
            catch (Exception ex) when (StorageFailure.Describe(ex) is { } message)
            {
                await context.Error.WriteLineAsync(message);
                return ExitCodes.Storage;
            }
        });
}
