using Delegation.Checks;

namespace Delegation.Tests.Checks;

public sealed class ClientAndSupportTests
{
    private const string Client = "/.well-known/matrix/client";
    private const string Support = "/.well-known/matrix/support";
    private static readonly (string, string) Cors = ("Access-Control-Allow-Origin", "*");

    [Fact]
    public async Task Check_WorkingClientDocument_ListsVersions()
    {
        await using var network = await ClientNetworkAsync("""{"m.homeserver":{"base_url":"https://matrix.example.test"}}""", Cors);

        var report = await network.CheckAsync("example.test");

        Assert.Equal(Verdict.Ok, report.Client.Verdict);
        Assert.Contains(report.Client.Steps, s => s.Name == "homeserver" && s.Summary == "https://matrix.example.test/_matrix/client/versions supports v1.11, v1.12");
    }

    [Fact]
    public async Task Check_ClientDocumentWithoutCors_Fails()
    {
        await using var network = await ClientNetworkAsync("""{"m.homeserver":{"base_url":"https://matrix.example.test"}}""");

        var report = await network.CheckAsync("example.test");

        Assert.Equal(Verdict.Fail, report.Client.Verdict);
        Assert.Contains("no Access-Control-Allow-Origin header", report.Client.FirstProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_BaseUrlNotAUrl_FailsWithFailError()
    {
        await using var network = await ClientNetworkAsync("""{"m.homeserver":{"base_url":"matrix.example.test"}}""", Cors);

        var report = await network.CheckAsync("example.test");

        Assert.Equal(Verdict.Fail, report.Client.Verdict);
        Assert.Contains("m.homeserver.base_url 'matrix.example.test' must be an absolute http:// or https:// URL", report.Client.FirstProblem, StringComparison.Ordinal);
        Assert.EndsWith("(FAIL_ERROR)", report.Client.FirstProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ClientVersionsFailing_FailsWithFailError()
    {
        await using var network = await ClientNetworkAsync("""{"m.homeserver":{"base_url":"https://matrix.example.test"}}""", Cors);
        network.Server.Json("matrix.example.test", "/_matrix/client/versions", """{"errcode":"M_UNKNOWN"}""", 502);

        var report = await network.CheckAsync("example.test");

        Assert.Equal(Verdict.Fail, report.Client.Verdict);
        Assert.Equal("GET https://matrix.example.test/_matrix/client/versions answered 502 (FAIL_ERROR)", report.Client.FirstProblem);
    }

    [Fact]
    public async Task Check_NoClientDocument_IsNone()
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("example.test", 443);
        network.Server.ValidFor("example.test");

        var report = await network.CheckAsync("example.test");

        Assert.Equal(Verdict.None, report.Client.Verdict);
        Assert.Equal(Verdict.None, report.Support.Verdict);
    }

    [Theory]
    [InlineData("""{"contacts":[]}""", "needs a non-empty 'contacts' array or a 'support_page'")]
    [InlineData("""{"contacts":[{"role":"admin","matrix_id":"@a:example.test"}]}""", "'contacts[0].role' must be m.role.admin")]
    [InlineData("""{"support_page":"example.test/help"}""", "'support_page' must be an http:// or https:// URL")]
    public async Task Check_InvalidSupportDocument_FailsNamingTheRule(string body, string expected)
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("example.test", 443);
        network.Server.ValidFor("example.test").Json("example.test", Support, body, 200, Cors);

        var report = await network.CheckAsync("example.test");

        Assert.Equal(Verdict.Fail, report.Support.Verdict);
        Assert.Contains(expected, report.Support.FirstProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ValidSupportDocument_IsOk()
    {
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("example.test", 443);
        network.Server.ValidFor("example.test").Json("example.test", Support, """{"contacts":[{"role":"m.role.admin","email_address":"admin@example.test"}]}""", 200, Cors);

        var report = await network.CheckAsync("example.test");

        Assert.Equal(Verdict.Ok, report.Support.Verdict);
    }

    private static async Task<CheckNetwork> ClientNetworkAsync(string document, params (string, string)[] headers)
    {
        var network = await CheckNetwork.StartAsync();
        network.Pin("example.test", 443).Pin("matrix.example.test", 443);
        network.Server.ValidFor("example.test", "matrix.example.test")
            .Json("example.test", Client, document, 200, headers)
            .Json("matrix.example.test", "/_matrix/client/versions", """{"versions":["v1.11","v1.12"]}""", 200, Cors);
        return network;
    }
}
