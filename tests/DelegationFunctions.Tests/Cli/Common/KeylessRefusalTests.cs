using Delegation.Table;

namespace Delegation.Tests.Cli.Common;

/// <summary>
/// The tool against keyless storage when the sign-in fails: a token storage refuses (403), an identity endpoint that
/// refuses to issue one, no identity at all. Each is one line naming the endpoint and the fix, and exit status 3.
/// </summary>
public sealed class KeylessRefusalTests(KeylessStorage storage, ITestOutputHelper output) : IClassFixture<KeylessStorage>
{
    [Theory]
    [InlineData(IdentityAnswer.ExpiredToken, "access denied (403")]
    [InlineData(IdentityAnswer.WrongAudience, "access denied (403")]
    [InlineData(IdentityAnswer.Refuse, "getting an Entra ID token failed (ManagedIdentityCredential authentication failed: [Managed Identity] Error Code: invalid_resource")]
    public async Task Get_SignInRefused_OneLineNamingTheEndpointAndTheRoleAndExit3(IdentityAnswer answer, string failure)
    {
        var table = await storage.Azurite.CreateTableAsync("refused");
        await new TableDelegationStore(table).TryAddAsync(new DelegationRow("example.com") { Server = "matrix.example.com:443" }, TestContext.Current.CancellationToken);
        storage.Identity.Answer = answer;
        var tokensBefore = storage.Identity.TokenRequests;

        var result = await RunAsync(["get", "example.com", "--table", table.Name], withIdentity: true);

        AssertOneStorageLine(result, failure);
        Assert.True(storage.Identity.TokenRequests > tokensBefore, "the tool did not ask the managed identity endpoint for a token");
    }

    [Fact]
    public async Task Set_NoIdentityAtAll_OneLineNamingTheEndpointAndTheRoleAndExit3()
    {
        var table = await storage.Azurite.CreateTableAsync("noidentity");
        var requestsBefore = storage.Identity.Requests.Count;

        var result = await RunAsync(["set", "example.com", "--server", "matrix.example.com:443", "--table", table.Name], withIdentity: false);

        AssertOneStorageLine(result, "no Entra ID credential is available");
        Assert.Equal(requestsBefore, storage.Identity.Requests.Count);
        Assert.Null(await new TableDelegationStore(table).GetAsync("example.com", TestContext.Current.CancellationToken));
    }

    private void AssertOneStorageLine(ToolResult result, string failure)
    {
        output.WriteLine(result.AllOutput);
        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"Storage error at {storage.Azurite.TableServiceUri.AbsoluteUri}: {failure}", line, StringComparison.Ordinal);
        Assert.Contains("'az login'", line, StringComparison.Ordinal);
        Assert.Contains("Storage Table Data Contributor", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.AllOutput, StringComparison.Ordinal);
    }

    private Task<ToolResult> RunAsync(string[] args, bool withIdentity) =>
        ChildProcess.RunAsync(
            storage.Apply(DelegationProcess.StartInfo([.. args, "--table-service-uri", storage.Azurite.TableServiceUri.AbsoluteUri]), withIdentity),
            TimeSpan.FromMinutes(2),
            TestContext.Current.CancellationToken);
}
