using System.Net;

namespace Delegation.Tests.Resilience;

/// <summary>
/// <c>delegation serve</c> when the Table service answers with an error rather than not at all: the faults come through
/// the table clients' transport (<see cref="FaultTransport"/>), so the SDK's retries and error parsing are the real
/// ones and no endpoint is contacted.
/// </summary>
public sealed class ClientFaultTests
{
    private const int SecondaryPort = 1;

    private const string SecondaryRow = """{"odata.etag":"W/\"datetime'2026-12-07T00%3A00%3A00Z'\"","PartitionKey":"example.com","RowKey":"","Timestamp":"2026-12-07T00:00:00Z","Server":"secondary.example.com:443"}""";

    private static readonly int PrimaryPort = ReservedPorts.RefusingTcp;

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "ServerBusy")]
    [InlineData(HttpStatusCode.InternalServerError, "InternalError")]
    [InlineData(HttpStatusCode.Forbidden, "AuthorizationPermissionMismatch")]
    public async Task Get_PrimaryAnswersAnError_TheSecondarysRowAnswers(HttpStatusCode status, string errorCode)
    {
        var transport = new FaultTransport((request, _) => Task.FromResult(request.RequestUri!.Port == PrimaryPort
            ? FaultTransport.Error(status, errorCode, ("Retry-After", "0"))
            : FaultTransport.Json(HttpStatusCode.OK, SecondaryRow)));
        var settings = new Dictionary<string, string?> { ["DelegationStorageSecondary"] = Azurite.ConnectionStringFor(SecondaryPort) };
        await using var host = await ServingHost.StartAsync(Azurite.ConnectionStringFor(PrimaryPort), "delegations", settings, transport: transport);

        using var response = await host.GetServerAsync("example.com", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var log = host.Log.GetSnapshot().Select(r => r.Message).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"m.server":"secondary.example.com:443"}""", body);
        Assert.Contains(log, m => m.StartsWith("Reading the delegation row for example.com failed: ", StringComparison.Ordinal) && m.Contains($"{(int)status} {errorCode}", StringComparison.Ordinal) && m.EndsWith("(primary endpoint)", StringComparison.Ordinal));
        Assert.Contains(log, m => m.StartsWith("Answered example.com from the secondary endpoint", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_StorageThrottlesWithRetryAfter_Answers503WithOurOwnRetryAfter()
    {
        var transport = FaultTransport.Always(() => FaultTransport.Error(HttpStatusCode.ServiceUnavailable, "ServerBusy", ("Retry-After", "0")));
        var settings = new Dictionary<string, string?> { ["Delegation:RetryAfterSeconds"] = "17" };
        await using var host = await ServingHost.StartAsync(Azurite.ConnectionStringFor(PrimaryPort), "delegations", settings, transport: transport);

        using var response = await host.GetServerAsync("example.com", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(17), response.Headers.RetryAfter?.Delta);
        Assert.Equal(2, transport.Tries);
    }
}
