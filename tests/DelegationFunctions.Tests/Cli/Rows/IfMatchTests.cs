using System.Text.Json;

namespace Delegation.Tests.Cli.Rows;

/// <summary>A read-think-write across separate commands, as an admin does it: the ETag from get guards the write.</summary>
public sealed class IfMatchTests
{
    [Fact]
    public async Task Set_IfMatchAfterSomeoneElseEdited_RefusesWithConflictAndKeepsTheirEdit()
    {
        var connection = await NewTableAsync();
        await DelegationProcess.RunAsync(["set", "example.com", "--server", "old.example.com:443", .. connection]);
        var etag = await ReadETagAsync(connection);
        await DelegationProcess.RunAsync(["set", "example.com", "--server", "theirs.example.com:443", .. connection]);

        var mine = await DelegationProcess.RunAsync(["set", "example.com", "--server", "mine.example.com:443", "--if-match", etag, .. connection]);
        var remove = await DelegationProcess.RunAsync(["remove", "example.com", "--if-match", etag, .. connection]);
        var now = await DelegationProcess.RunAsync(["get", "example.com", .. connection]);

        Assert.Equal(5, mine.ExitCode);
        Assert.Contains($"is no longer at ETag {etag}", mine.Error, StringComparison.Ordinal);
        Assert.Equal(5, remove.ExitCode);
        Assert.Contains("theirs.example.com:443", now.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_IfMatchCurrentETag_Writes()
    {
        var connection = await NewTableAsync();
        await DelegationProcess.RunAsync(["set", "example.com", "--server", "old.example.com:443", .. connection]);
        var etag = await ReadETagAsync(connection);

        var result = await DelegationProcess.RunAsync(["set", "example.com", "--server", "new.example.com:443", "--if-match", etag, .. connection]);

        Assert.Equal(0, result.ExitCode);
    }

    private static async Task<string[]> NewTableAsync()
    {
        var azurite = await Azurite.Shared;
        var table = await azurite.CreateTableAsync();
        return ["--connection-string", azurite.ConnectionString, "--table", table.Name];
    }

    private static async Task<string> ReadETagAsync(string[] connection)
    {
        var get = await DelegationProcess.RunAsync(["get", "example.com", "--json", .. connection]);
        using var row = JsonDocument.Parse(get.Output);
        return row.RootElement.GetProperty("ETag").GetString()!;
    }
}
