using Delegation.Names;

namespace Delegation.Checks;

/// <summary>"Resolving server names" from the server-server API, step by step: docs/reference.md, "How a check resolves a domain".</summary>
internal sealed class ServerDiscovery(ServerWellKnown wellKnown, SrvDiscovery srv, FederationVersion federation)
{
    public async Task<SectionReport> RunAsync(string name, CheckFacts facts, CancellationToken cancellationToken = default)
    {
        var steps = new List<CheckStep>();
        if (!ServerName.TryParse(name, out var serverName, out var error))
        {
            steps.Add(CheckStep.Fail("server name", $"'{name}' is not a valid server name ({error})"));
            return SectionReport.From("server", steps);
        }

        var targets = await TargetsAsync(serverName, steps, facts, cancellationToken);
        if (targets is not null)
        {
            await federation.ProbeAsync(targets, steps, facts, cancellationToken);
        }

        return SectionReport.From("server", steps);
    }

    private async Task<IReadOnlyList<ProbeTarget>?> TargetsAsync(ServerName name, List<CheckStep> steps, CheckFacts facts, CancellationToken cancellationToken)
    {
        if (name.Kind != ServerHostKind.DnsName || name.Port is not null)
        {
            steps.Add(CheckStep.Info("server name", $"{name} is {(name.Kind == ServerHostKind.DnsName ? "a host name with a port" : "an IP literal")}: no well-known, no SRV"));
            return [Direct(name)];
        }

        var (delegated, hardError) = await wellKnown.ReadAsync(name.Host, steps, facts, cancellationToken);
        facts.Delegated = delegated;
        if (hardError)
        {
            return null;
        }

        if (delegated is null)
        {
            return await SrvTargetsAsync(name.Host, steps, facts, cancellationToken);
        }

        return delegated.Kind != ServerHostKind.DnsName || delegated.Port is not null
            ? [Direct(delegated)]
            : await SrvTargetsAsync(delegated.Host, steps, facts, cancellationToken);
    }

    private Task<IReadOnlyList<ProbeTarget>?> SrvTargetsAsync(string host, List<CheckStep> steps, CheckFacts facts, CancellationToken cancellationToken)
    {
        facts.Begin("server", "SRV", $"looking up the SRV records of {host} ({srv.ServerDescription})");
        return srv.TargetsAsync(host, host, steps, cancellationToken);
    }

    private static ProbeTarget Direct(ServerName name)
    {
        var host = name.Host.Trim('[', ']');
        return new ProbeTarget(true, host, name.Port ?? SrvDiscovery.DefaultPort, host, name.ToString(), FederationVersion.Path);
    }
}
