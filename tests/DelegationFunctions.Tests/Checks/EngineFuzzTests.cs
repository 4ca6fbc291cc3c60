using System.Diagnostics.Metrics;
using System.Net;
using Delegation.Checks;
using Delegation.Table;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Delegation.Tests.Checks;

/// <summary>
/// Hostile documents pushed through the whole engine over loopback TLS: random bytes, Unicode and control characters
/// in every URL field, huge headers, answers and handshakes cut short. A fixed seed makes each run the same.
/// </summary>
public sealed class EngineFuzzTests
{
    private const int Seed = 20261206;
    private const int Domains = 48;
    private const string Support = """{"contacts":[{"role":"m.role.admin","matrix_id":"@admin:fuzz.test"}]}""";

    [Fact]
    public async Task RunAsync_HostileDocuments_FinishesWithOneRecordedResultPerRow()
    {
        using var trap = new LoopbackListener(holdOpen: false);
        var domains = Enumerable.Range(0, Domains).Select(i => $"f{i}.fuzz.test").ToList();
        var certificate = TestCertificates.Issue([.. domains, .. HostileReplies.Hosts, HostileReplies.CutHost]);
        var replies = new HostileReplies(Seed, trap.Port);
        await using var server = new RawHttpsServer(certificate, replies.Reply);
        using var dns = new TestDnsServer();
        var pins = domains.Select(d => new ResolvePin(d, 443, IPAddress.Loopback, server.Port))
            .Concat(HostileReplies.Hosts.SelectMany(h => new[] { new ResolvePin(h, 443, IPAddress.Loopback, server.Port), new ResolvePin(h, 8448, IPAddress.Loopback, server.Port) }))
            .Concat([new ResolvePin(HostileReplies.CutHost, 443, IPAddress.Loopback, server.TruncatedTlsPort), new ResolvePin(HostileReplies.CutHost, 8448, IPAddress.Loopback, server.TruncatedTlsPort)])
            .ToList();
        var settings = new CheckSettings { Pins = pins, DnsServer = dns.EndPoint, RequestTimeoutSeconds = 5, ExtraCertificateAuthorities = [TestCertificates.Authority] };
        var results = new TableCheckResultStore(await (await Azurite.Shared).CreateTableAsync("fuzz"));
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var logger = new FakeLogger<CheckRunner>();
        using var checker = new DelegationChecker(settings);
        var runner = new CheckRunner(checker, Options.Create(settings), new CheckMetrics(services.GetRequiredService<IMeterFactory>()), logger, TimeProvider.System);

        var summary = await runner.RunAsync(domains.Select(d => new DelegationRow(d) { Server = "h1.fuzz.test:8448", ClientBaseUrl = "https://h2.fuzz.test", Support = Support }).ToList(), results, cancellationToken: TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        var recorded = await results.ListAsync(TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(domains, summary.Checks.Select(c => c.Result.Domain));
        Assert.Empty(summary.RecordFailures);
        Assert.Equal(domains.Order(StringComparer.Ordinal), recorded.Select(r => r.Domain));
        var steps = summary.Checks.SelectMany(c => new[] { c.Report.Server, c.Report.Client, c.Report.Support }).SelectMany(s => s.Steps).ToList();
        Assert.DoesNotContain(steps, s => s.Summary.Contains("unexpected error", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Collector.GetSnapshot(), r => r.Id.Id == 24);
        Assert.Equal(0, trap.Connections);
        Assert.All(recorded, r => Assert.DoesNotContain(r.Message ?? string.Empty, char.IsControl));
        Assert.All(recorded, r => Assert.True((r.Message?.Length ?? 0) <= CustomerText.MaxMessage + 40, $"{r.Domain}: {r.Message?.Length} characters"));
        Assert.True(server.Connections > Domains, $"only {server.Connections} connections reached the hostile server");
    }
}
