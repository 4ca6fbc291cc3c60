using Delegation.Checks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Delegation.Tests.Checks;

public sealed class CheckGraderTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Grade_WorkingDelegation_IsOkWithCertificateExpiry()
    {
        await using var network = (await CheckNetwork.StartAsync()).Good("good.test");

        var report = await network.CheckAsync("good.test");
        var result = CheckGrader.Grade(report, Now, network.Settings());

        Assert.Equal(CheckStatus.Ok, result.Status);
        Assert.Null(result.Step);
        Assert.Null(result.Message);
        Assert.NotNull(result.CertificateExpires);
        Assert.InRange(result.CertificateExpires.Value, Now.AddDays(89), Now.AddDays(91));
    }

    [Fact]
    public async Task Grade_FederationFails_IsFailWithFirstFailingStep()
    {
        await using var network = (await CheckNetwork.StartAsync()).Broken("broken.test");

        var report = await network.CheckAsync("broken.test");
        var result = CheckGrader.Grade(report, Now, network.Settings());

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal("federation", result.Step);
        Assert.Contains("TLS: the certificate is not valid for 'hs.broken.test'", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grade_WellKnownWithoutPort_WarnsWhereCheckSaysOk()
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("example.test", 443).Pin("matrix.example.test", 8448);
        network.Server.ValidFor("example.test", "matrix.example.test")
            .Json("example.test", Scenario.ServerWellKnown, """{"m.server":"matrix.example.test"}""")
            .Homeserver("matrix.example.test");

        var report = await network.CheckAsync("example.test");
        var result = CheckGrader.Grade(report, Now, network.Settings());

        Assert.Equal(Verdict.Ok, report.Server.Verdict);
        Assert.Equal(CheckStatus.Warning, result.Status);
        Assert.Equal("server well-known", result.Step);
        Assert.StartsWith("m.server 'matrix.example.test' has no port", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, "warning")]
    [InlineData(20, "ok")]
    public async Task Grade_CertificateExpiry_WarnsWithinConfiguredDays(int daysLeft, string expectedWord)
    {
        Assert.True(StatusWords.TryParse(expectedWord, out var expected));
        await using var network = (await CheckNetwork.StartAsync()).Good("good.test");
        network.Server.Certificate("hs.good.test", TestCertificates.Issue(Now.AddDays(-1), Now.AddDays(daysLeft), "hs.good.test"));
        var settings = network.Settings(s => s.CertificateWarningDays = 15);

        using var checker = new DelegationChecker(settings);
        var report = await checker.CheckAsync("good.test", TestContext.Current.CancellationToken);
        var result = CheckGrader.Grade(report, Now, settings);

        Assert.Equal(expected, result.Status);
        Assert.InRange(result.CertificateExpires!.Value, Now.AddDays(daysLeft).AddSeconds(-2), Now.AddDays(daysLeft).AddSeconds(2));
        if (expected == CheckStatus.Warning)
        {
            Assert.Equal("federation", result.Step);
            Assert.EndsWith("but its certificate expires within 15 days", result.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Grade_ClientRedirectWithoutCors_Fails()
    {
        await using var network = (await CheckNetwork.StartAsync()).Good("good.test");
        network.Pin("www.good.test", 443);
        network.Server.ValidFor("www.good.test")
            .Redirect("good.test", Scenario.ClientWellKnown, "https://www.good.test/.well-known/matrix/client")
            .Json("www.good.test", Scenario.ClientWellKnown, """{"m.homeserver":{"base_url":"https://hs.good.test"}}""", 200, Scenario.Cors);

        var report = await network.CheckAsync("good.test");
        var result = CheckGrader.Grade(report, Now, network.Settings());

        Assert.Equal(Verdict.Fail, report.Client.Verdict);
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal("client well-known", result.Step);
        Assert.Equal("https://good.test/.well-known/matrix/client redirects (302) without Access-Control-Allow-Origin: web clients such as Element Web cannot follow the redirect, so client discovery fails in a browser", result.Message);
    }

    [Fact]
    public async Task Grade_SlowDocument_Warns()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var network = (await CheckNetwork.StartAsync()).Good("good.test");
        network.Server.Route("good.test", Scenario.ClientWellKnown, async context =>
        {
            // The document takes 6 s on the checker's clock.
            time.Advance(TimeSpan.FromSeconds(6));
            context.Response.Headers.AccessControlAllowOrigin = "*";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"m.homeserver":{"base_url":"https://hs.good.test"}}""");
        });

        var report = await network.CheckAsync("good.test", time);
        var result = CheckGrader.Grade(report, time.GetUtcNow(), network.Settings());

        // The server document was in flight while the clock moved too, so which slow document comes first varies.
        Assert.Equal(CheckStatus.Warning, result.Status);
        Assert.Contains(CheckGrader.WatchWarnings(report.Facts, time.GetUtcNow(), network.Settings()), w =>
            w.Name == "client well-known" && w.Summary.StartsWith("the client document took 6.", StringComparison.Ordinal) && w.Summary.EndsWith("s to fetch (warning above 5 s)", StringComparison.Ordinal));
    }
}
