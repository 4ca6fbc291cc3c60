using Azure.Data.Tables;

namespace Delegation.Tests.Cli.Rows;

public sealed class SetCommandTests
{
    [Fact]
    public async Task Set_SameValuesOnRowWithANonTextColumn_RewritesTheRowWithoutIt()
    {
        var run = await CliRun.NewTableAsync();
        await run.Table.AddEntityAsync(new TableEntity("typed.example", string.Empty) { ["Server"] = 8448, ["ClientBaseUrl"] = "https://m.typed.example" }, TestContext.Current.CancellationToken);

        var result = await run.RunAsync("set", "typed.example", "--client-base-url", "https://m.typed.example");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Updated typed.example.\n", result.Output.ReplaceLineEndings("\n"));
        var entity = (await run.Table.GetEntityAsync<TableEntity>("typed.example", string.Empty, cancellationToken: TestContext.Current.CancellationToken)).Value;
        Assert.False(entity.ContainsKey("Server"));
        Assert.Equal("https://m.typed.example", entity.GetString("ClientBaseUrl"));
    }

    [Fact]
    public async Task Set_SameValues_IsUnchangedAndKeepsTheETag()
    {
        var run = await CliRun.NewTableAsync();
        await run.RunAsync("set", "same.example", "--server", "m.same.example:443");
        var etag = (await run.RowsAsync()).Single().ETag;

        var result = await run.RunAsync("set", "same.example", "--server", "M.Same.Example:443");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Unchanged same.example.", result.Output, StringComparison.Ordinal);
        Assert.Equal(etag, (await run.RowsAsync()).Single().ETag);
    }

    private const string PrettySupport = """
        {
          "contacts": [
            {
              "role": "m.role.admin",
              "matrix_id": "@admin:example.com",
              "email_address": "admin@example.com"
            }
          ],
          "support_page": "https://example.com/support"
        }

        """;

    private const string PrettyClientExtra = """
        {
            "org.matrix.msc3575.proxy": {
                "url": "https://sliding.example.com"
            }
        }
        """;

    [Fact]
    public async Task Set_AtFilesInTheWorkingDirectory_StoresEachFileAsWritten()
    {
        var azurite = await Azurite.Shared;
        var table = await azurite.CreateTableAsync();
        var folder = Directory.CreateTempSubdirectory("delegation-set-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "support.json"), PrettySupport, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "extra.json"), PrettyClientExtra, TestContext.Current.CancellationToken);
            var start = DelegationProcess.StartInfo(["set", "example.com", "--client-base-url", "https://matrix.example.com", "--client-extra", "@extra.json", "--support", "@support.json", "--connection-string", azurite.ConnectionString, "--table", table.Name]);
            start.WorkingDirectory = folder.FullName;

            var result = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal("Added example.com.\n", result.Output.ReplaceLineEndings("\n"));
            var entity = (await table.GetEntityAsync<TableEntity>("example.com", string.Empty, cancellationToken: TestContext.Current.CancellationToken)).Value;
            Assert.Equal(PrettySupport, entity.GetString("Support"));
            Assert.Equal(PrettyClientExtra, entity.GetString("ClientExtra"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("--support")]
    [InlineData("--client-extra")]
    public async Task Set_AtFileMissing_OneLineNamingOptionAndFileAndNothingWritten(string option)
    {
        var run = await CliRun.NewTableAsync();
        var missing = Path.Combine(Path.GetTempPath(), $"delegation-missing-{Guid.NewGuid():N}.json");

        var result = await run.RunAsync("set", "example.com", "--client-base-url", "https://matrix.example.com", option, "@" + missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Equal($"{option} @{missing}: there is no file '{missing}'; give the path of a JSON file after '@', or the JSON text itself.\n", result.Error.ReplaceLineEndings("\n"));
        Assert.Empty(await run.RowsAsync());
    }

    [Fact]
    public async Task Set_UnicodeServerHost_StoresTheALabelAndSaysSo()
    {
        var run = await CliRun.NewTableAsync();

        var result = await run.RunAsync("set", "bücher.example", "--server", "matrix.Bücher.example:443");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Server 'matrix.Bücher.example:443' is stored as its A-label 'matrix.xn--bcher-kva.example:443'.\nAdded xn--bcher-kva.example.\n", result.Output.ReplaceLineEndings("\n"));
        Assert.Equal("matrix.xn--bcher-kva.example:443", Assert.Single(await run.RowsAsync()).Server);
    }

    [Theory]
    [InlineData("https://example.com", "domain 'https://example.com' is invalid: is a URL: give the domain, e.g. example.com")]
    [InlineData("xn--zz.example", "domain 'xn--zz.example' is invalid: the label 'xn--zz' starts with 'xn--' but is not a valid A-label (it does not decode to Unicode and back); write the name in Unicode, or copy its A-label exactly")]
    public async Task Set_InvalidDomain_OneLineAndNothingWritten(string domain, string expected)
    {
        var run = await CliRun.NewTableAsync();

        var result = await run.RunAsync("set", domain, "--server", "matrix.example.com:443");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(expected + "\n", result.Error.ReplaceLineEndings("\n"));
        Assert.Empty(await run.RowsAsync());
    }
}
