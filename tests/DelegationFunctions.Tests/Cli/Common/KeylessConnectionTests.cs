using Azure.Data.Tables;
using Delegation.Table;

namespace Delegation.Tests.Cli.Common;

/// <summary>
/// The tool signed in with Entra ID as on Azure: <c>--table-service-uri</c> (or <c>DelegationStorage__tableServiceUri</c>)
/// to a keyless Azurite over https, the token from the managed identity endpoint through DefaultAzureCredential. The
/// tool runs as a child process, so it trusts the test authority through <c>SSL_CERT_FILE</c> as .NET on Linux does.
/// </summary>
public sealed class KeylessConnectionTests(KeylessStorage storage, ITestOutputHelper output) : IClassFixture<KeylessStorage>
{
    private const string Domain = "example.com";
    private const string Server = "matrix.example.com:443";

    [Theory]
    [InlineData("set", false)]
    [InlineData("set", true)]
    [InlineData("get", false)]
    [InlineData("get", true)]
    [InlineData("list", false)]
    [InlineData("list", true)]
    [InlineData("import", false)]
    [InlineData("import", true)]
    [InlineData("export", false)]
    [InlineData("export", true)]
    [InlineData("lint", false)]
    [InlineData("lint", true)]
    [InlineData("check", false)]
    [InlineData("check", true)]
    public async Task Command_TableServiceUriAndManagedIdentity_ReachesTheRowWithAToken(string command, bool fromSetting)
    {
        var table = await storage.Azurite.CreateTableAsync("keyless");
        var checksTable = storage.Azurite.TableClient("checks" + Guid.NewGuid().ToString("N")[..12]);
        if (command is not ("set" or "import"))
        {
            await new TableDelegationStore(table).TryAddAsync(new DelegationRow(Domain) { Server = Server }, TestContext.Current.CancellationToken);
        }

        using var file = TempFile.Create(".jsonl", $"{{\"PartitionKey\":\"{Domain}\",\"Server\":\"{Server}\"}}\n");
        await using var network = await CheckNetwork.StartAsync();
        string[] args = command switch
        {
            "set" => ["set", Domain, "--server", Server],
            "get" => ["get", Domain],
            "import" => ["import", file.Path],
            "check" => ["check", "--all", "--record", "--checks-table", checksTable.Name, .. network.Arguments()],
            _ => [command],
        };
        var tokensBefore = storage.Identity.TokenRequests;

        var result = await RunAsync([.. args, "--table", table.Name], fromSetting);

        output.WriteLine(result.AllOutput);
        Assert.DoesNotContain("Storage error", result.Error, StringComparison.Ordinal);
        Assert.True(storage.Identity.TokenRequests > tokensBefore, "the tool did not ask the managed identity endpoint for a token");
        var row = await new TableDelegationStore(table).GetAsync(Domain, TestContext.Current.CancellationToken);
        Assert.Equal(Server, row?.Server);
        switch (command)
        {
            case "get" or "list" or "export":
                Assert.Equal(0, result.ExitCode);
                Assert.Contains(Server, result.Output, StringComparison.Ordinal);
                break;
            case "lint":
                Assert.Equal(0, result.ExitCode);
                Assert.Contains("1 rows: 0 invalid", result.Output, StringComparison.Ordinal);
                break;
            case "check":
                // example.com has no well-known here (the test DNS knows no names): the check fails, and is recorded.
                Assert.Equal(1, result.ExitCode);
                var recorded = await checksTable.GetEntityIfExistsAsync<TableEntity>(Domain, string.Empty, cancellationToken: TestContext.Current.CancellationToken);
                Assert.True(recorded.HasValue, "no check result was recorded");
                break;
            default:
                Assert.Equal(0, result.ExitCode);
                break;
        }
    }

    private Task<ToolResult> RunAsync(string[] args, bool fromSetting)
    {
        var uri = storage.Azurite.TableServiceUri.AbsoluteUri;
        var start = fromSetting
            ? storage.Apply(DelegationProcess.StartInfo(args), settings: new Dictionary<string, string> { ["DelegationStorage__tableServiceUri"] = uri })
            : storage.Apply(DelegationProcess.StartInfo([.. args, "--table-service-uri", uri]));
        return ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
    }
}
