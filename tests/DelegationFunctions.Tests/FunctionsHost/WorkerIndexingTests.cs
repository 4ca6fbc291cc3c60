namespace Delegation.Tests.FunctionsHost;

/// <summary>What the worker tells the host at indexing, and what it sends the host per request.</summary>
public sealed class WorkerIndexingTests(FunctionAppUnderHost app) : IClassFixture<FunctionAppUnderHost>
{
    [Fact]
    public void Indexing_ReportsExactlyTheThreeAnonymousRoutesWithoutApiPrefix()
    {
        var functions = app.Host.Functions.OrderBy(f => f.Name).ToList();

        Assert.Equal(["Client", "Server", "Support"], functions.Select(f => f.Name));
        Assert.Equal([".well-known/matrix/client", ".well-known/matrix/server", ".well-known/matrix/support"], functions.Select(f => f.Route));
        Assert.All(functions, f => Assert.Equal("Anonymous", f.Trigger!.AuthLevel));
    }

    [Fact]
    public void Indexing_ListsNoMethods_SoEveryMethodReachesTheHandler()
    {
        // The handler answers OPTIONS (204) and other methods (405) itself; a methods list would make the host answer 404.
        Assert.All(app.Host.Functions, f => Assert.Null(f.Trigger!.Methods));
    }

    [Fact]
    public async Task Get_WithApiPrefix_IsNotAFunctionRoute()
    {
        using var response = await app.Client.GetAsync(new Uri("/api/.well-known/matrix/server", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Get_ByDefault_SendsNoRequestLogsToTheHost()
    {
        using var request = FunctionAppUnderHost.FromFrontDoor(HttpMethod.Get, "/.well-known/matrix/server", "example.com", "example.com");
        using var response = await app.Client.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(app.Host.Logs, l => l.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && l.Level == "Information");
    }
}
