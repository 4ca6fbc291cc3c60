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

    private const string TableRule = "a table name is 3-63 letters and digits, starting with a letter (and not 'tables'); give one like 'delegations'.";

    private const string ConnectionStringAdvice = "Give the one from the storage account's Access keys page (DefaultEndpointsProtocol=https;AccountName=<account>;AccountKey=<key>;EndpointSuffix=core.windows.net), or UseDevelopmentStorage=true for Azurite.";

    [Theory]
    [InlineData("list", "garbage", "Connection string doesn't have value for keyword 'garbage'")]
    [InlineData("set", "a=b", "Connection string parsing error")]
    [InlineData("export", "", "Value cannot be an empty string")]
    [InlineData("serve", "garbage", "Connection string doesn't have value for keyword 'garbage'")]
    public async Task Command_GarbageConnectionString_OneLineAndUsageExit(string command, string connectionString, string problem)
    {
        string[] args = command == "set" ? ["set", "example.com", "--server", "matrix.example.com"] : [command];

        var result = await CliRun.InvokeAsync([.. args, "--connection-string", connectionString]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Equal($"--connection-string is not a storage connection string: {problem}. {ConnectionStringAdvice}\n", result.Error.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("list", "bad_name!")]
    [InlineData("set", "ab")]
    [InlineData("import", "1delegations")]
    [InlineData("get", "tables")]
    [InlineData("serve", "a-b-c")]
    public async Task Command_InvalidTableName_OneLineBeforeAnyRequest(string command, string table)
    {
        string[] args = command switch
        {
            "set" => ["set", "example.com", "--server", "matrix.example.com"],
            "get" => ["get", "example.com"],
            "import" => ["import", "rows.csv"],
            _ => [command],
        };

        // The table service refuses every connection: any request would end in a storage error (exit status 3).
        var result = await CliRun.InvokeAsync([.. args, "--connection-string", Azurite.UnreachableConnectionString, "--table", table]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"--table '{table}' is invalid: {TableRule}\n", result.Error.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("DelegationTable", "bad_name!", $"Setting DelegationTable 'bad_name!' is invalid: {TableRule}")]
    [InlineData("DelegationStorage", "AccountName=a;AccountKey=secret!key", $"Setting DelegationStorage is not a storage connection string: The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding characters, or an illegal character among the padding characters. {ConnectionStringAdvice}")]
    public async Task List_InvalidSetting_NamesTheSettingNotAConnectionString(string variable, string value, string expected)
    {
        var start = DelegationProcess.StartInfo(variable == "DelegationTable" ? ["list", "--connection-string", Azurite.UnreachableConnectionString] : ["list"]);
        start.Environment[variable] = value;

        var result = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected + "\n", result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Checks_InvalidChecksTable_OneLineBeforeAnyRequest()
    {
        var result = await CliRun.InvokeAsync(["checks", "--connection-string", Azurite.UnreachableConnectionString, "--checks-table", "check_results"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"--checks-table 'check_results' is invalid: {TableRule}\n", result.Error.ReplaceLineEndings("\n"));
    }
}
