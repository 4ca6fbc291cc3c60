using Delegation.Checks;
using Delegation.Table;

namespace Delegation.Tests.Checks;

/// <summary>What a domain serves against what its row renders, over loopback stand-ins.</summary>
public sealed class DriftCheckTests
{
    private const string Support = """{"contacts":[{"role":"m.role.admin","matrix_id":"@admin:good.test"}]}""";

    [Fact]
    public async Task CheckAsync_DomainServesItsRow_PassesEachComparison()
    {
        await using var network = (await CheckNetwork.StartAsync()).Good("good.test");
        network.Server.Json("good.test", "/.well-known/matrix/support", Support, 200, Scenario.Cors);
        var row = new DelegationRow("good.test") { Server = "hs.good.test:8448", ClientBaseUrl = "https://hs.good.test", Support = Support };
        using var checker = new DelegationChecker(network.Settings());

        var report = await checker.CheckAsync(row, TestContext.Current.CancellationToken);

        Assert.Equal(
            ["serves m.server hs.good.test:8448, as its row says", "serves m.homeserver.base_url https://hs.good.test, as its row says", "serves the support document its row says"],
            new[] { report.Server, report.Client, report.Support }.SelectMany(s => s.Steps).Where(s => s.Name == DriftCheck.Step && s.Status == StepStatus.Ok).Select(s => s.Summary));
        Assert.Equal(CheckStatus.Ok, CheckGrader.Grade(report, DateTimeOffset.UtcNow, network.Settings()).Status);
    }

    [Fact]
    public async Task CheckAsync_DomainServesAnotherServer_FailsShowingBoth()
    {
        await using var network = (await CheckNetwork.StartAsync()).Good("good.test");
        var row = new DelegationRow("good.test") { Server = "matrix.example.com:443" };
        using var checker = new DelegationChecker(network.Settings());

        var report = await checker.CheckAsync(row, TestContext.Current.CancellationToken);
        var result = CheckGrader.Grade(report, DateTimeOffset.UtcNow, network.Settings());

        Assert.True(report.Server.Steps.Any(s => s.Name == "federation" && s.Status == StepStatus.Ok), "federation itself works");
        Assert.Equal(Verdict.Fail, report.Server.Verdict);
        Assert.Equal((CheckStatus.Fail, "drift", "serves m.server hs.good.test:8448; its row says matrix.example.com:443"), (result.Status, result.Step, result.Message));
    }

    [Fact]
    public async Task CheckAsync_DomainServesNoClientDocumentItsRowHas_FailsShowingBoth()
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("bare.test", 443).Server.ValidFor("bare.test");
        var row = new DelegationRow("bare.test") { ClientBaseUrl = "https://matrix.bare.test" };
        using var checker = new DelegationChecker(network.Settings());

        var report = await checker.CheckAsync(row, TestContext.Current.CancellationToken);

        var drift = Assert.Single(report.Client.Steps, s => s.Name == DriftCheck.Step);
        Assert.Equal(StepStatus.Fail, drift.Status);
        Assert.Equal("serves no m.homeserver.base_url (GET https://bare.test/.well-known/matrix/client answered 404); its row says https://matrix.bare.test", drift.Summary);
    }

    [Fact]
    public async Task CheckAsync_DomainServesAnotherSupportDocument_FailsTheResult()
    {
        await using var network = (await CheckNetwork.StartAsync()).Good("good.test");
        network.Server.Json("good.test", "/.well-known/matrix/support", """{"contacts":[{"role":"m.role.admin","email_address":"other@other.test"}]}""", 200, Scenario.Cors);
        var row = new DelegationRow("good.test") { Server = "hs.good.test:8448", ClientBaseUrl = "https://hs.good.test", Support = Support };
        using var checker = new DelegationChecker(network.Settings());

        var report = await checker.CheckAsync(row, TestContext.Current.CancellationToken);
        var result = CheckGrader.Grade(report, DateTimeOffset.UtcNow, network.Settings());

        Assert.Equal((CheckStatus.Fail, "drift"), (result.Status, result.Step));
        Assert.Equal("""serves support document {"contacts":[{"role":"m.role.admin","email_address":"other@other.test"}]}; its row says {"contacts":[{"role":"m.role.admin","matrix_id":"@admin:good.test"}]}""", result.Message);
    }

    [Fact]
    public async Task CheckAsync_RowWithoutDocuments_ComparesNothing()
    {
        await using var network = (await CheckNetwork.StartAsync()).Good("good.test");
        using var checker = new DelegationChecker(network.Settings());

        var report = await checker.CheckAsync(new DelegationRow("good.test"), TestContext.Current.CancellationToken);

        Assert.DoesNotContain(new[] { report.Server, report.Client, report.Support }.SelectMany(s => s.Steps), s => s.Name == DriftCheck.Step);
    }
}
