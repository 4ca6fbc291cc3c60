using Delegation.Names;
using Delegation.Table;

namespace Delegation.Checks;

/// <summary>One check run: one HttpClient, one DNS client, shared by every domain checked.</summary>
internal sealed class DelegationChecker : IDisposable
{
    private readonly HttpProbe _probe;
    private readonly ServerDiscovery _server;
    private readonly ClientDiscovery _client;
    private readonly SupportCheck _support;

    public DelegationChecker(CheckSettings settings, TimeProvider? timeProvider = null)
    {
        var time = timeProvider ?? TimeProvider.System;
        var dns = new DnsLookup(settings.DnsServer, settings.Timeout);
        _probe = new HttpProbe(settings, new AddressResolver(settings.Pins, dns), new CertificateValidator(settings.ExtraCertificateAuthorities, time));
        var fetcher = new WellKnownFetcher(_probe, time, settings.Via);
        _server = new ServerDiscovery(new ServerWellKnown(fetcher, time), new SrvDiscovery(dns), new FederationVersion(_probe, settings.CertificateWarning, time));
        _client = new ClientDiscovery(fetcher);
        _support = new SupportCheck(fetcher);
    }

    public async Task<CheckReport> CheckAsync(string input, CancellationToken cancellationToken = default)
    {
        var name = input.Trim().TrimEnd('.');
        if (!System.Text.Ascii.IsValid(name) && DomainName.TryParse(name, out var aLabel, out _))
        {
            name = aLabel;
        }

        if (!ServerName.TryParse(name, out var serverName, out var error))
        {
            return CheckReport.Failed(input, CheckStep.Fail("server name", $"'{CustomerText.Quote(input)}' is not a valid server name ({error})"));
        }

        var host = serverName.Host;
        var facts = new CheckFacts();
        var server = GuardAsync("server", _server.RunAsync(serverName.ToString(), facts, cancellationToken), cancellationToken);
        var client = GuardAsync("client", _client.RunAsync(host, facts, cancellationToken), cancellationToken);
        var support = GuardAsync("support", _support.RunAsync(host, facts, cancellationToken), cancellationToken);
        return new CheckReport(serverName.ToString(), await server, await client, await support) { Facts = facts };
    }

    /// <summary>Checks the row's domain, then compares what it serves with what the row renders (<see cref="DriftCheck"/>).</summary>
    public async Task<CheckReport> CheckAsync(DelegationRow row, CancellationToken cancellationToken = default)
    {
        var report = await CheckAsync(row.Domain, cancellationToken);
        foreach (var (section, step) in DriftCheck.Compare(row, report.Facts.Documents))
        {
            report = section switch
            {
                "server" => report with { Server = report.Server.With(step) },
                "client" => report with { Client = report.Client.With(step) },
                _ => report with { Support = report.Support.With(step) },
            };
        }

        return report;
    }

    /// <summary>
    /// What a customer controls can meet a defect in the engine; that must fail this section of this domain, never the
    /// run. Only the caller's cancellation passes through.
    /// </summary>
    private static async Task<SectionReport> GuardAsync(string name, Task<SectionReport> section, CancellationToken cancellationToken)
    {
        try
        {
            return await section;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return SectionReport.From(name, [CheckStep.Fail("check", $"the {name} check stopped on an unexpected error: {ex.GetType().Name}: {CustomerText.Quote(ex.Message)}")]);
        }
    }

    public void Dispose() => _probe.Dispose();
}
