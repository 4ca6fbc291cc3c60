namespace Delegation.Tests.Cli.Common;

/// <summary>Where the table is, given badly: one line naming the option or variable, the value and the rule; exit status 2; nothing sent.</summary>
public sealed class ConnectionOptionsTests
{
    [Theory]
    [InlineData("list", "http://acct.table.core.windows.net")]
    [InlineData("get", "acct.table.core.windows.net")]
    [InlineData("set", "https://acct.table.core.windows.net/?sv=2024-01-01&sig=x")]
    [InlineData("export", "")]
    public async Task Command_MalformedTableServiceUri_OneLineAndUsageExit(string command, string uri)
    {
        string[] args = command switch
        {
            "get" => ["get", "example.com"],
            "set" => ["set", "example.com", "--server", "matrix.example.com"],
            _ => [command],
        };

        var result = await CliRun.InvokeAsync([.. args, "--table-service-uri", uri]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"--table-service-uri '{uri}' is invalid: it must be the table endpoint as an https URL without a query, like https://<account>.table.core.windows.net.", line);
    }

    [Fact]
    public async Task Get_UnknownAzureTokenCredentials_OneLineAndUsageExit()
    {
        var start = DelegationProcess.StartInfo(["get", "example.com", "--table-service-uri", $"https://127.0.0.1:{ReservedPorts.RefusingTcp}/devstoreaccount1"]);
        foreach (var name in KeylessStorage.CredentialVariables)
        {
            start.Environment.Remove(name);
        }

        start.Environment["AZURE_TOKEN_CREDENTIALS"] = "ManagedIdentity";

        var result = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Environment variable AZURE_TOKEN_CREDENTIALS 'ManagedIdentity' is invalid: ", line, StringComparison.Ordinal);
        Assert.EndsWith("Unset it, or name one credential such as ManagedIdentityCredential or AzureCliCredential.", line, StringComparison.Ordinal);
    }
}
