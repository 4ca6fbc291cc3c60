namespace Delegation.Tests.Cli.Serve;

/// <summary><c>serve --urls</c> checked before anything starts: one line naming the address, the rule and the fix.</summary>
public sealed class ListenUrlsTests
{
    private const string Rule = "each address must be http://host:port or https://host:port (an IP address, localhost or * for every interface; port 0 takes a free one), separated by ';', e.g. http://127.0.0.1:8080.";

    [Theory]
    [InlineData("nonsense", "nonsense")]
    [InlineData("127.0.0.1:8080", "127.0.0.1:8080")]
    [InlineData("ftp://127.0.0.1:21", "ftp://127.0.0.1:21")]
    [InlineData("http://127.0.0.1:99999", "http://127.0.0.1:99999")]
    [InlineData("http://127.0.0.1:8080/base", "http://127.0.0.1:8080/base")]
    [InlineData("http://127.0.0.1:0;nonsense", "nonsense")]
    [InlineData(";", ";")]
    public async Task Serve_InvalidUrls_OneLineNamingTheAddress(string urls, string named)
    {
        var result = await CliRun.InvokeAsync(["serve", "--urls", urls]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Equal($"--urls '{named}' is invalid: {Rule}\n", result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Serve_HttpsWithoutCertificate_SaysToGiveOne()
    {
        var result = await CliRun.InvokeAsync(["serve", "--urls", "https://127.0.0.1:0"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("--urls 'https://127.0.0.1:0' is https: give --certificate (and --certificate-key) too, or listen on http://.\n", result.Error.ReplaceLineEndings("\n"));
    }
}
