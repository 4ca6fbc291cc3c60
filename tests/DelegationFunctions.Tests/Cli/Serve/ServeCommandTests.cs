using System.Net;
using System.Net.Sockets;

namespace Delegation.Tests.Cli.Serve;

/// <summary><c>delegation serve</c> as a child process, where the host's own logging would show.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_PortInUse_OneLineNamingTheAddressAndNoStackTrace()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var result = await DelegationProcess.RunAsync(["serve", "--urls", address, "--connection-string", Azurite.UnreachableConnectionString]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Equal($"Cannot start: Failed to bind to address {address}: address already in use. Stop what listens there, or choose another port with --urls (port 0 takes a free one).\n", result.Error.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("DelegationStorageSecondary__tableServiceUri", "http://account-secondary.table.core.windows.net", "Cannot start: Setting DelegationStorageSecondary__tableServiceUri 'http://account-secondary.table.core.windows.net' is invalid: it must be the table endpoint as an https URL")]
    [InlineData("Delegation__MaxAgeSeconds", "100000000", "Cannot start: Setting Delegation__MaxAgeSeconds '100000000' is invalid: it must lie in [300, 172800].")]
    public async Task Serve_InvalidSetting_OneLineNamingItAndUsageExit(string setting, string value, string expected)
    {
        var result = await DelegationProcess.RunAsync(
            ["serve", "--urls", "http://127.0.0.1:0", "--connection-string", Azurite.UnreachableConnectionString],
            new Dictionary<string, string> { [setting] = value });

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
    }
}
