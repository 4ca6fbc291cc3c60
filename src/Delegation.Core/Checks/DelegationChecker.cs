using Delegation.Names;
using Delegation.Table;

namespace Delegation.Checks;

/// <summary>One check run: one HttpClient, one DNS client, shared by every domain checked, each within its deadline.</summary>
internal sealed class DelegationChecker : IDisposable
{
    private readonly HttpProbe _probe;
    private readonly ServerDiscovery _server;
    private readonly ClientDiscovery _client;
    private readonly SupportCheck _support;
    private readonly TimeSpan _deadline;
    private readonly TimeProvider _time;

    public DelegationChecker(CheckSettings settings, TimeProvider? timeProvider = null)
    {
        var time = timeProvider ?? TimeProvider.System;
        _time = time;
        _deadline = settings.DomainDeadline;
        var dns = new DnsLookup(settings.DnsServer, settings.Timeout);
        _probe = new HttpProbe(settings, new AddressResolver(settings.Pins, dns), new CertificateValidator(settings.ExtraCertificateAuthorities, time), time);
        var fetcher = new WellKnownFetcher(_probe, time, settings.Via);
        _server = new ServerDiscovery(new ServerWellKnown(fetcher, time), new SrvDiscovery(dns), new FederationVersion(_probe, settings.CertificateWarning, time));
        _client = new ClientDiscovery(fetcher);
        _support = new SupportCheck(fetcher);
    }

    /// <summary>Checks a server name within <see cref="CheckSettings.DomainDeadline"/>.</summary>
    public Task<CheckReport> CheckAsync(string input, CancellationToken cancellationToken = default) =>
        WithinDeadlineAsync(input, (facts, token) => CheckNameAsync(input, facts, token), cancellationToken);

    /// <summary>
    /// Checks the row's domain, then compares what it serves with what the row renders (<see cref="DriftCheck"/>), all
    /// within <see cref="CheckSettings.DomainDeadline"/>.
    /// </summary>
    public Task<CheckReport> CheckAsync(DelegationRow row, CancellationToken cancellationToken = default) =>
        WithinDeadlineAsync(row.Domain, async (facts, token) => CompareWithRow(row, await CheckNameAsync(row.Domain, facts, token)), cancellationToken);

    /// <summary>
    /// One domain's whole check under its deadline: when the deadline passes first, the report fails naming it and the
    /// steps still in progress. Only the caller's cancellation passes through.
    /// </summary>
    private async Task<CheckReport> WithinDeadlineAsync(string domain, Func<CheckFacts, CancellationToken, Task<CheckReport>> check, CancellationToken cancellationToken)
    {
        var facts = new CheckFacts();
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var deadline = new CancellationTokenSource(_deadline, _time);
        IReadOnlyList<string>? inProgress = null;
        using var expiry = deadline.Token.Register(() =>
        {
            // What the check was doing, read before the cancellation unwinds it.
            inProgress = facts.InProgress;
            work.Cancel();
        });
        try
        {
            // WaitAsync ends the wait even if some lookup ignores the token; the abandoned work ends on its own timeouts.
            return await check(facts, work.Token).WaitAsync(work.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return CheckDeadline.Passed(CustomerText.Quote(domain.Trim()), _deadline, inProgress ?? facts.InProgress, facts);
        }
    }

    private async Task<CheckReport> CheckNameAsync(string input, CheckFacts facts, CancellationToken cancellationToken)
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
        var server = GuardAsync("server", _server.RunAsync(serverName.ToString(), facts, cancellationToken), facts, cancellationToken);
        var client = GuardAsync("client", _client.RunAsync(host, facts, cancellationToken), facts, cancellationToken);
        var support = GuardAsync("support", _support.RunAsync(host, facts, cancellationToken), facts, cancellationToken);
        return new CheckReport(serverName.ToString(), await server, await client, await support) { Facts = facts };
    }

    private static CheckReport CompareWithRow(DelegationRow row, CheckReport report)
    {
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
    /// run. Only the caller's cancellation (or the domain's deadline) passes through.
    /// </summary>
    private static async Task<SectionReport> GuardAsync(string name, Task<SectionReport> section, CheckFacts facts, CancellationToken cancellationToken)
    {
        try
        {
            return await section;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return SectionReport.From(name, [CheckStep.Fail("check", $"the {name} check stopped on an unexpected error: {ex.GetType().Name}: {CustomerText.Quote(ex.Message)}")]);
        }
        finally
        {
            facts.Finished(name);
        }
    }

    public void Dispose() => _probe.Dispose();
}
