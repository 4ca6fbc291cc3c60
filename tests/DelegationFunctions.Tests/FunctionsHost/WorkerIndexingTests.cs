namespace Delegation.Tests.FunctionsHost;

/// <summary>What the worker tells the host at indexing, and what it sends the host per request.</summary>
public sealed class WorkerIndexingTests(FunctionAppUnderHost app) : IClassFixture<FunctionAppUnderHost>
{
    [Fact]
    public void Indexing_ReportsTheHostAndPathModeRoutesAndHealthAnonymousWithoutApiPrefix()
    {
        var functions = app.Host.Functions.Where(f => f.Trigger is not null).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();

        Assert.Equal(["Client", "DomainClient", "DomainServer", "DomainSupport", "Health", "Server", "Support"], functions.Select(f => f.Name));
        Assert.Equal(
            [
                ".well-known/matrix/client", "{domain}/.well-known/matrix/client", "{domain}/.well-known/matrix/server",
                "{domain}/.well-known/matrix/support", "healthz", ".well-known/matrix/server", ".well-known/matrix/support",
            ],
            functions.Select(f => f.Route));
        Assert.All(functions, f => Assert.Equal("Anonymous", f.Trigger!.AuthLevel));
    }

    [Fact]
    public void Indexing_ListsNoMethods_SoEveryMethodReachesTheHandler()
    {
        // The handler answers OPTIONS (204) and other methods (405) itself; a methods list would make the host answer 404.
        Assert.All(app.Host.Functions.Where(f => f.Trigger is not null), f => Assert.Null(f.Trigger!.Methods));
    }

    [Fact]
    public void Indexing_ReportsTheScheduledChecksAsTheOnlyOtherFunction()
    {
        var other = Assert.Single(app.Host.Functions, f => f.Trigger is null);

        Assert.Equal("CheckDelegations", other.Name);
        Assert.Equal("timerTrigger", Assert.Single(other.Metadata.Bindings.Values).Type);
    }

    [Fact]
    public async Task Get_WithApiPrefix_IsNotTheHostModeRoute()
    {
        // With the default prefix this would be example.com's document; without it, "api" is a path-mode domain.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/.well-known/matrix/server");
        request.Headers.Host = "example.com";

        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_ByDefault_SendsNoRequestLogsToTheHost()
    {
        using var request = FunctionAppUnderHost.FromFrontDoor(HttpMethod.Get, "/.well-known/matrix/server", "example.com", "example.com");
        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(app.Host.Logs, l => l.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && l.Level == "Information");
    }
}
