using System.Net;

namespace Delegation.Tests.Cli.Serve;

/// <summary>The tool as an admin runs it: <c>delegation set</c> writes rows, <c>delegation serve</c> answers them.</summary>
public sealed class ServeEndToEndTests
{
    [Fact]
    public async Task SetThenServe_AnswersTheDocumentsWrittenByTheTool()
    {
        var azurite = await Azurite.Shared;
        var table = await azurite.CreateTableAsync();
        string[] connection = ["--connection-string", azurite.ConnectionString, "--table", table.Name];

        var set = await DelegationProcess.RunAsync(["set", "example.com", "--server", "Matrix.Example.com:443", "--client-base-url", "https://matrix.example.com", .. connection]);
        var invalid = await DelegationProcess.RunAsync(["set", "bad.example", "--server", "https://matrix.bad.example", .. connection]);
        await using var serve = await DelegationProcess.StartServeAsync(connection);
        using var client = new HttpClient { BaseAddress = serve.BaseAddress };

        Assert.True(set.ExitCode == 0, set.Error);
        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("Server 'https://matrix.bad.example' is invalid", invalid.Error, StringComparison.Ordinal);
        Assert.Equal("{\"m.server\":\"matrix.example.com:443\"}", await GetAsync(client, "server", "example.com", HttpStatusCode.OK));
        Assert.Equal("{\"m.homeserver\":{\"base_url\":\"https://matrix.example.com\"}}", await GetAsync(client, "client", "example.com", HttpStatusCode.OK));
        await GetAsync(client, "server", "bad.example", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Set_OnlyGivenFieldsChange_AndGetShowsTheRow()
    {
        var azurite = await Azurite.Shared;
        var table = await azurite.CreateTableAsync();
        string[] connection = ["--connection-string", azurite.ConnectionString, "--table", table.Name];
        await DelegationProcess.RunAsync(["set", "example.com", "--server", "matrix.example.com:443", "--client-base-url", "https://matrix.example.com", .. connection]);

        var update = await DelegationProcess.RunAsync(["set", "example.com", "--server", "other.example.com:8448", .. connection]);
        var get = await DelegationProcess.RunAsync(["get", "example.com", "--json", .. connection]);

        Assert.Equal(0, update.ExitCode);
        Assert.Contains("\"Server\": \"other.example.com:8448\"", get.Output, StringComparison.Ordinal);
        Assert.Contains("\"ClientBaseUrl\": \"https://matrix.example.com\"", get.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_ThenGet_ReportsNotFound()
    {
        var azurite = await Azurite.Shared;
        var table = await azurite.CreateTableAsync();
        string[] connection = ["--connection-string", azurite.ConnectionString, "--table", table.Name];
        await DelegationProcess.RunAsync(["set", "example.com", "--server", "matrix.example.com:443", .. connection]);

        var remove = await DelegationProcess.RunAsync(["remove", "example.com", .. connection]);
        var get = await DelegationProcess.RunAsync(["get", "example.com", .. connection]);

        Assert.Equal(0, remove.ExitCode);
        Assert.Equal(4, get.ExitCode);
    }

    [Fact]
    public async Task Set_StorageUnreachable_ExitsWithStorageStatusAndOneLine()
    {
        var dead = Azurite.UnreachableConnectionString;

        var result = await DelegationProcess.RunAsync(["set", "example.com", "--server", "matrix.example.com", "--connection-string", dead]);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith($"Storage error at http://127.0.0.1:{ReservedPorts.RefusingTcp}/devstoreaccount1: the table service cannot be reached", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_StorageRefusesConnections_WarnsNamingTheEndpointAndKeepsServing()
    {
        await using var serve = await DelegationProcess.StartServeAsync(["--connection-string", Azurite.UnreachableConnectionString]);
        using var client = new HttpClient { BaseAddress = serve.BaseAddress };

        var warning = await serve.WaitForLineAsync(line => line.Contains("at start-up failed", StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        Assert.StartsWith(
            $"Reading table 'delegations' at http://127.0.0.1:{ReservedPorts.RefusingTcp}/devstoreaccount1 at start-up failed: the table service cannot be reached (",
            warning.Trim(),
            StringComparison.Ordinal);
        await GetAsync(client, "server", "example.com", HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Serve_TableMissing_WarnsNamingTheTableAndKeepsServing()
    {
        var azurite = await Azurite.Shared;
        var table = "missing" + Guid.NewGuid().ToString("N")[..12];
        await using var serve = await DelegationProcess.StartServeAsync(["--connection-string", azurite.ConnectionString, "--table", table]);
        using var client = new HttpClient { BaseAddress = serve.BaseAddress };

        var warning = await serve.WaitForLineAsync(line => line.Contains("at start-up failed", StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        Assert.Equal(
            $"Reading table '{table}' at {new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString).Uri.GetLeftPart(UriPartial.Path)} at start-up failed: the table does not exist (404 TableNotFound). Serving anyway: each request reads again, and answers as in a storage outage while this lasts",
            warning.Trim());
        await GetAsync(client, "server", "example.com", HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task UnknownOption_ExitsWithUsageStatus()
    {
        var result = await DelegationProcess.RunAsync(["set", "example.com", "--no-such-option"]);

        Assert.Equal(2, result.ExitCode);
    }

    private static async Task<string> GetAsync(HttpClient client, string document, string host, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/.well-known/matrix/{document}");
        request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
