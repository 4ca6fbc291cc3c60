using System.Net;
using Delegation.Serving;
using Delegation.Table;

namespace Delegation.Tests.FunctionsHost;

/// <summary>
/// The function app under the host's hop, configured exactly as infra/ configures the site (identity-based
/// <c>AzureWebJobsStorage__*</c>, <c>DelegationStorage__tableServiceUri</c>, no keys), with the managed identity the
/// platform gives it: rows served from a keyless Azurite over https, and an outage answer when the sign-in fails.
/// </summary>
public sealed class KeylessServingTests(KeylessStorage storage, ITestOutputHelper output) : IClassFixture<KeylessStorage>
{
    private const string Failed = "Reading the delegation row for example.com failed: ";

    [Fact]
    public async Task Get_BicepSettingsAndManagedIdentity_Serves200FromKeylessStorage()
    {
        storage.Identity.Answer = IdentityAnswer.Token;
        var tokensBefore = storage.Identity.TokenRequests;
        await using var host = await StartAsync(withIdentity: true);

        using var response = await GetAsync(host);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        await host.StopAsync();

        WriteLogs(host);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"m.server":"matrix.example.com:443"}""", body);
        Assert.True(storage.Identity.TokenRequests > tokensBefore, "the app did not ask the managed identity endpoint for a token");
    }

    [Theory]
    [InlineData(IdentityAnswer.ExpiredToken, true, "access denied (403")]
    [InlineData(IdentityAnswer.Refuse, true, "getting an Entra ID token failed")]
    [InlineData(IdentityAnswer.Token, false, "no Entra ID credential is available")]
    public async Task Get_SignInFails_Answers503WithRetryAfterAndLogsOneStorageFailure(IdentityAnswer answer, bool withIdentity, string failure)
    {
        storage.Identity.Answer = answer;
        await using var host = await StartAsync(withIdentity);

        using var response = await GetAsync(host);
        await host.StopAsync();

        WriteLogs(host);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        // The read at start (StorageWarmUp) meets the same failure and warns once on its own; this is about the request's.
        var problem = Assert.Single(host.Logs, l => l.Level is "Warning" or "Error" or "Critical" && l.Category != typeof(StorageWarmUp).FullName);
        Assert.Equal("Error", problem.Level);
        Assert.StartsWith(Failed + failure, problem.Message, StringComparison.Ordinal);
    }

    private async Task<FunctionsHostHarness.FunctionsHost> StartAsync(bool withIdentity)
    {
        var settings = await BicepAppSettings.LoadAsync(new Dictionary<string, string>
        {
            ["DelegationStorage__tableServiceUri"] = storage.Azurite.TableServiceUri.AbsoluteUri,
        });
        var table = storage.Azurite.TableClient(settings["DelegationTable"]);
        await table.CreateIfNotExistsAsync(TestContext.Current.CancellationToken);
        await new TableDelegationStore(table).TryAddAsync(new DelegationRow("example.com") { Server = "matrix.example.com:443" }, TestContext.Current.CancellationToken);
        foreach (var (name, value) in storage.AppSettings(withIdentity))
        {
            settings[name] = value;
        }

        return await FunctionsHostHarness.FunctionsHost.StartAsync(FunctionAppOutput.BuildFolder, settings);
    }

    private static async Task<HttpResponseMessage> GetAsync(FunctionsHostHarness.FunctionsHost host)
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        using var request = FunctionAppUnderHost.FromFrontDoor(HttpMethod.Get, "/.well-known/matrix/server", "example.com", "example.com");
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private void WriteLogs(FunctionsHostHarness.FunctionsHost host)
    {
        foreach (var log in host.Logs)
        {
            output.WriteLine($"{log.Level} {log.Category}: {log.Message}");
        }
    }
}
