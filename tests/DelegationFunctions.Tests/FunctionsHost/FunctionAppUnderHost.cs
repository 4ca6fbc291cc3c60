using Azure.Data.Tables;

namespace Delegation.Tests.FunctionsHost;

/// <summary>
/// The built function app (src/DelegationFunctions build output) run as an isolated worker under the harness, which
/// plays the Functions host: worker gRPC protocol, then the host's YARP hop for every HTTP request. It reads a fresh
/// Azurite table seeded with example.com.
/// </summary>
public sealed class FunctionAppUnderHost(AzuriteFixture storage) : IAsyncLifetime
{
    public const string OurFrontDoorId = "5d2c4a9e-0000-4000-8000-00000000fd01";
    public const string OurOtherFrontDoorId = "5d2c4a9e-0000-4000-8000-00000000fd02";
    public const string AppHostName = "func-delegation-x.azurewebsites.net";

    internal FunctionsHostHarness.FunctionsHost Host { get { Azurite.SkipIfNodeMissing(); return field; } private set; } = null!;

    public HttpClient Client { get { Azurite.SkipIfNodeMissing(); return field; } private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (Azurite.MissingNodeReason is not null)
        {
            return; // each test skips, with the reason, when it asks for what this fixture would have started
        }

        var azurite = await storage.GetAsync();
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(new TableEntity("example.com", string.Empty)
        {
            ["Server"] = "matrix.example.com:443",
            ["ClientBaseUrl"] = "https://matrix.example.com",
            ["Support"] = "{\"contacts\":[{\"email_address\":\"admin@example.com\",\"role\":\"m.role.admin\"}]}",
        });

        Host = await FunctionsHostHarness.FunctionsHost.StartAsync(FunctionAppOutput.BuildFolder, new Dictionary<string, string>
        {
            ["DelegationStorage"] = azurite.ConnectionString,
            ["DelegationTable"] = table.Name,
            ["FrontDoorId"] = $"{OurFrontDoorId},{OurOtherFrontDoorId}",
            ["Delegation__MaxAgeSeconds"] = "3600",
        });
        Client = new HttpClient { BaseAddress = Host.BaseAddress };
    }

    public async ValueTask DisposeAsync()
    {
        if (Azurite.MissingNodeReason is not null)
        {
            return;
        }

        Client.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }

    /// <summary>A request as Front Door sends it to the origin: the app's own host name, the client's host forwarded.</summary>
    public static HttpRequestMessage FromFrontDoor(HttpMethod method, string path, string clientHost, string? delegationHost, string frontDoorId = OurFrontDoorId)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Host = AppHostName;
        request.Headers.Add("X-Forwarded-Host", clientHost);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Azure-FDID", frontDoorId);
        if (delegationHost is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Delegation-Host", delegationHost);
        }

        return request;
    }
}
