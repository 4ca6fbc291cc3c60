using Delegation.Table;

namespace Delegation.Tests.Cli.Rows;

/// <summary>
/// <c>--secondary</c>: the read commands read the secondary endpoint while the primary is down; writes do not take it;
/// without a secondary endpoint it is one line.
/// </summary>
public sealed class SecondaryOptionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task GetListExport_PrimaryDownWithSecondary_ReadTheSecondary()
    {
        var (table, environment) = await SecondaryWithRowAsync();

        var primary = await DelegationProcess.RunAsync(["get", "example.com", "--table", table], environment);
        var get = await DelegationProcess.RunAsync(["get", "example.com", "--table", table, "--secondary", "--json"], environment);
        var list = await DelegationProcess.RunAsync(["list", "--table", table, "--secondary", "--json"], environment);
        var export = await DelegationProcess.RunAsync(["export", "--table", table, "--secondary"], environment);

        output.WriteLine(string.Join("\n", primary.AllOutput, get.AllOutput, list.AllOutput, export.AllOutput));
        Assert.Equal(3, primary.ExitCode);
        Assert.Equal((0, string.Empty), (get.ExitCode, get.Error));
        Assert.Contains("\"Server\": \"matrix.example.com:443\"", get.Output, StringComparison.Ordinal);
        Assert.Equal(0, list.ExitCode);
        Assert.StartsWith("{\"PartitionKey\":\"example.com\"", list.Output, StringComparison.Ordinal);
        Assert.Equal(0, export.ExitCode);
        Assert.Contains("\"Server\":\"matrix.example.com:443\"", export.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("set", "example.com", "--server", "matrix.example.com:443")]
    [InlineData("remove", "example.com")]
    [InlineData("import", "rows.json")]
    public async Task Write_Secondary_RefusedAsUsageAndNothingWritten(params string[] args)
    {
        var run = await CliRun.NewTableAsync();

        var result = await run.RunAsync([.. args, "--secondary"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'--secondary'", result.Error, StringComparison.Ordinal);
        Assert.Empty(await run.RowsAsync());
    }

    [Fact]
    public async Task Get_SecondaryNotConfigured_OneLineAndUsageExit()
    {
        var result = await CliRun.InvokeAsync(["get", "example.com", "--secondary", "--connection-string", Azurite.UnreachableConnectionString]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("--secondary: no secondary endpoint is configured. Set DelegationStorageSecondary__tableServiceUri to https://<account>-secondary.table.core.windows.net", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_SecondaryWithAzureTableServiceUri_ReadsTheAccountsSecondaryName()
    {
        var start = DelegationProcess.StartInfo(["get", "example.com", "--table-service-uri", "https://acct.table.core.windows.net", "--secondary"]);
        foreach (var name in KeylessStorage.CredentialVariables)
        {
            start.Environment.Remove(name);
        }

        var result = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        output.WriteLine(result.AllOutput);
        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("Storage error at https://acct-secondary.table.core.windows.net/: ", result.Error, StringComparison.Ordinal);
    }

    /// <summary>A table on the shared Azurite as the secondary, and settings whose primary refuses connections.</summary>
    private static async Task<(string Table, Dictionary<string, string> Environment)> SecondaryWithRowAsync()
    {
        var azurite = await Azurite.Shared;
        var table = await azurite.CreateTableAsync("secondary");
        Assert.True(await new TableDelegationStore(table).TryAddAsync(new DelegationRow("example.com") { Server = "matrix.example.com:443" }, TestContext.Current.CancellationToken));
        return (table.Name, new Dictionary<string, string>
        {
            ["DelegationStorage"] = Azurite.UnreachableConnectionString,
            ["DelegationStorageSecondary"] = azurite.ConnectionString,
        });
    }
}
