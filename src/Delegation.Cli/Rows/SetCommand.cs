using System.CommandLine;
using System.Text;
using Delegation.Cli.Common;
using Delegation.Table;

namespace Delegation.Cli.Rows;

/// <summary>
/// <c>delegation set &lt;domain&gt; ...</c>: changes only the fields given (an empty value clears one), validates the
/// result before writing, and writes with the ETag it read so a concurrent edit is refused rather than lost.
/// </summary>
internal static class SetCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var domainArgument = DomainArgument.Create();
        var server = new Option<string?>("--server") { Description = "m.server: host[:port] of the federation endpoint, e.g. matrix.example.com:443." };
        var clientBaseUrl = new Option<string?>("--client-base-url") { Description = "m.homeserver.base_url for clients, e.g. https://matrix.example.com." };
        var identityServer = new Option<string?>("--identity-server") { Description = "m.identity_server.base_url (optional)." };
        var clientExtra = new Option<string?>("--client-extra") { Description = "JSON object merged into the client document, or @file to read it from a file." };
        var ifMatch = IfMatchOption.Create();
        var support = new Option<string?>("--support") { Description = "The whole support document as JSON, or @file." };
        var command = new Command(
            "set",
            "Add or change a delegation. Only the fields given change; pass \"\" to clear one.\n\nExamples:\n  delegation set example.com --server matrix.example.com:443 --client-base-url https://matrix.example.com\n  delegation set example.com --support @support.json\n  delegation set example.com --identity-server \"\"")
        {
            domainArgument, server, clientBaseUrl, identityServer, clientExtra, support, ifMatch,
        };

        CommandAction.Set(command, connection, async (parseResult, context, cancellationToken) =>
        {
            var domain = DomainArgument.Parse(parseResult, domainArgument);
            var changes = new Dictionary<string, string?>();
            void Take(Option<string?> option, string column, bool mayBeFile)
            {
                if (parseResult.GetResult(option) is not null)
                {
                    var value = parseResult.GetValue(option);
                    changes[column] = string.IsNullOrEmpty(value) ? null : mayBeFile ? ReadValue(option.Name, value) : value;
                }
            }

            Take(server, DelegationRow.ServerColumn, false);
            Take(clientBaseUrl, DelegationRow.ClientBaseUrlColumn, false);
            Take(identityServer, DelegationRow.IdentityServerBaseUrlColumn, false);
            Take(clientExtra, DelegationRow.ClientExtraColumn, true);
            Take(support, DelegationRow.SupportColumn, true);
            if (changes.Count == 0)
            {
                throw new CliException(ExitCodes.Usage, "Nothing to set: give at least one of --server, --client-base-url, --identity-server, --client-extra, --support.");
            }

            var store = connection.CreateStore(parseResult);
            await store.EnsureTableAsync(cancellationToken);
            var existing = await IfMatchOption.ReadAsync(store, domain, parseResult.GetValue(ifMatch), cancellationToken);
            var edit = new RowEdit(domain, changes).ApplyTo(existing);
            if (edit.Problems.Count > 0)
            {
                foreach (var problem in edit.Problems)
                {
                    await context.Error.WriteLineAsync(problem.ToString());
                }

                await context.Error.WriteLineAsync($"Nothing was written for {domain}.");
                return ExitCodes.Invalid;
            }

            foreach (var problem in edit.Warnings)
            {
                await context.Error.WriteLineAsync($"warning: {problem} (left as it was)");
            }

            if (changes.GetValueOrDefault(DelegationRow.ServerColumn) is { } givenServer && !Ascii.IsValid(givenServer))
            {
                await context.Output.WriteLineAsync($"Server '{givenServer}' is stored as its A-label '{edit.Change.Row.Server}'.");
            }

            if (edit.Change.Action == RowAction.Unchanged)
            {
                await context.Output.WriteLineAsync($"Unchanged {domain}.");
                return ExitCodes.Success;
            }

            if (edit.Change.Row.IsEmpty)
            {
                throw new CliException(ExitCodes.Invalid, $"That would leave {domain} with no field set; use 'delegation remove {domain}' to delete the row.");
            }

            if (await new RowWriter(store).WriteAsync(edit.Change, cancellationToken) is { } conflict)
            {
                await conflict.WriteAsync(context.Error, "nothing was written.");
                return ExitCodes.Conflict;
            }

            await context.Output.WriteLineAsync($"{(edit.Change.Action == RowAction.Added ? "Added" : "Updated")} {domain}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string ReadValue(string optionName, string value)
    {
        if (!value.StartsWith('@'))
        {
            return value;
        }

        var path = value[1..];
        if (path.Length == 0)
        {
            throw new CliException(ExitCodes.Usage, $"{optionName} @: no file named; give the path of a JSON file after '@', or the JSON text itself.");
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException(ExitCodes.Usage, $"{optionName} {value}: there is no file '{Path.GetFullPath(path)}'; give the path of a JSON file after '@', or the JSON text itself.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Usage, $"{optionName} {value}: the file cannot be read ({ex.Message}); give the path of a readable JSON file after '@', or the JSON text itself.");
        }
    }
}
