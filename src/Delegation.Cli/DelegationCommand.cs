using System.CommandLine;
using Delegation.Cli.Check;
using Delegation.Cli.Common;
using Delegation.Cli.Export;
using Delegation.Cli.Import;
using Delegation.Cli.Lint;
using Delegation.Cli.Rows;
using Delegation.Cli.Serve;

namespace Delegation.Cli;

/// <summary>The <c>delegation</c> root command: wires every subcommand and maps parse errors to the usage exit code and signals to an interrupted command's.</summary>
internal static class DelegationCommand
{
    public static RootCommand Create()
    {
        var connection = new ConnectionOptions();
        var root = new RootCommand("Manage, serve and check Matrix server delegation (/.well-known/matrix/*) for many domains, stored in an Azure Table.");
        connection.AddTo(root);
        root.Subcommands.Add(SetCommand.Create(connection));
        root.Subcommands.Add(GetCommand.Create(connection));
        root.Subcommands.Add(RemoveCommand.Create(connection));
        root.Subcommands.Add(ListCommand.Create(connection));
        root.Subcommands.Add(ServeCommand.Create(connection));
        root.Subcommands.Add(CheckCommand.Create(connection));
        root.Subcommands.Add(ChecksCommand.Create(connection));
        root.Subcommands.Add(ImportCommand.Create(connection));
        root.Subcommands.Add(ExportCommand.Create(connection));
        root.Subcommands.Add(LintCommand.Create(connection));
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error)
    {
        // No response files: '@file' is ours (--support @support.json), not a list of arguments to splice in.
        var parseResult = Create().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync(parseError.Message);
            }

            await error.WriteLineAsync("Run 'delegation --help' or 'delegation <command> --help' for usage.");
            return ExitCodes.Usage;
        }

        using var interruption = Interruption.Listen();
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        return interruption.Final(await parseResult.InvokeAsync(configuration, interruption.Token));
    }
}
