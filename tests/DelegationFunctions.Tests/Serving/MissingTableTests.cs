using System.Net;
using Delegation.Cli.Serve;
using Delegation.Table;

namespace Delegation.Tests.Serving;

/// <summary>
/// A table that does not exist (a misspelt <c>DelegationTable</c>, a deleted table) is an outage, not "no delegation":
/// answering 404 would tell every federating server that no domain is delegated, and they would cache that.
/// </summary>
public sealed class MissingTableTests
{
    [Fact]
    public async Task Get_TableDoesNotExist_Answers503WithRetryAfterNot404()
    {
        var azurite = await Azurite.Shared;
        var storage = new DelegationStorageOptions { ConnectionString = azurite.ConnectionString, TableName = "missing" + Guid.NewGuid().ToString("N")[..12] };
        await using var app = ServeCommand.Build("http://127.0.0.1:0", storage, ServedTable.Settings);
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/matrix/server");
        request.Headers.Host = "example.com";

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
    }
}
