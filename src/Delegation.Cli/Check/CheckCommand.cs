using System.CommandLine;
using Delegation.Checks;
using Delegation.Cli.Common;
using Delegation.Names;
using Delegation.Table;

namespace Delegation.Cli.Check;

/// <summary><c>delegation check</c>: server, client and support discovery for one domain or the whole table.</summary>
internal static class CheckCommand
{
    /// <summary>Federation would fail for the domain (or for at least one domain with --all).</summary>
    public const int FederationFails = ExitCodes.Invalid;

    public static Command Create(ConnectionOptions connection)
    {
        var domain = new Argument<string?>("domain") { Description = "The server name to check, like example.com (a port or IP literal is allowed, as in Matrix IDs).", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Check every domain in the table (wildcard rows are skipped)." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var concurrency = new Option<int>("--concurrency") { Description = "Domains checked at once with --all.", DefaultValueFactory = _ => 8 };
        var record = new Option<bool>("--record") { Description = "With --all: record each domain's result in the checks table, as the function app's scheduled checks do ('delegation checks' and 'delegation list' show them)." };
        var flags = new CheckFlags();
        var command = new Command(
            "check",
            "Check a delegation the way the Matrix network does: server discovery (well-known, SRV, TLS, federation version), client discovery and the support document.\nExit status 0 only when federation would work; with --record, 3 when results could not be recorded.\n\nExamples:\n  delegation check example.com\n  delegation check --all\n  delegation check --all --record\n  delegation check example.com --via http://127.0.0.1:8080\n  delegation check example.com --resolve example.com:443:127.0.0.1:8443 --ca-cert ca.pem")
        {
            domain, all, json, concurrency, record, connection.ChecksTable,
        };
        flags.AddTo(command);
        connection.Extend(command, (parseResult, environment) => flags.Read(parseResult, environment, parseResult.GetValue(all) ? parseResult.GetValue(concurrency) : null));

        CommandAction.Set(command, connection, async (parseResult, context, cancellationToken) =>
        {
            var name = parseResult.GetValue(domain);
            var checkAll = parseResult.GetValue(all);
            if (checkAll == (name is not null))
            {
                throw new CliException(ExitCodes.Usage, "Give one domain, or --all to check every domain in the table.");
            }

            if (parseResult.GetValue(record) && !checkAll)
            {
                throw new CliException(ExitCodes.Usage, "--record needs --all: results are recorded for the domains in the table.");
            }

            if (checkAll)
            {
                var runner = connection.Get<CheckRunner>(parseResult);
                var recordIn = parseResult.GetValue(record) ? connection.CreateCheckResultStore(parseResult) : null;
                return await CheckAll.RunAsync(runner, connection.CreateStore(parseResult), recordIn, parseResult.GetValue(json), context, cancellationToken);
            }

            var checker = connection.Get<DelegationChecker>(parseResult);
            var row = connection.IsConfigured(parseResult) ? await ReadRowAsync(connection.CreateStore(parseResult), name!, context, cancellationToken) : null;
            var report = row is null ? await checker.CheckAsync(name!, cancellationToken) : await checker.CheckAsync(row, cancellationToken);
            await (parseResult.GetValue(json) ? CheckRenderer.WriteJsonAsync(report, context.Output) : CheckRenderer.WriteTextAsync(report, context.Output));
            return report.FederationWorks ? ExitCodes.Success : FederationFails;
        });
        return command;
    }

    /// <summary>The domain's row, to compare what the domain serves with; null (with a note) when there is none.</summary>
    private static async Task<DelegationRow?> ReadRowAsync(IDelegationStore store, string name, CommandContext context, CancellationToken cancellationToken)
    {
        if (!DomainName.TryParse(name.Trim().TrimEnd('.'), out var domain, out _) || DomainName.IsWildcard(domain))
        {
            return null;
        }

        var row = await store.GetAsync(domain, cancellationToken);
        if (row is null)
        {
            await context.Error.WriteLineAsync($"{domain} has no row in the table: what it serves is not compared with a row.");
        }

        return row;
    }
}
