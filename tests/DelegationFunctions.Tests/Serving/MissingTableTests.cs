using System.Net;

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
        await using var host = await ServingHost.StartAsync(azurite.ConnectionString, "missing" + Guid.NewGuid().ToString("N")[..12], ServedTable.Settings);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/matrix/server");
        request.Headers.Host = "example.com";

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
    }
}
