using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Delegation.Tests.Eng;

/// <summary>
/// eng/run-local.sh refuses a port another process holds before it builds, starts Azurite or seeds anything, so the demo
/// rows never land in someone else's emulator.
/// </summary>
public sealed class RunLocalScriptTests : IDisposable
{
    private readonly TcpListener _taken = new(IPAddress.Loopback, 0);

    public RunLocalScriptTests() => _taken.Start();

    private string TakenPort => ((IPEndPoint)_taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task RunLocal_ServicePortTaken_RefusesBeforeBuilding()
    {
        var result = await RunAsync(("PORT", TakenPort), ("AZURITE_PORT", FreePort()));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Equal($"error: port {TakenPort} (PORT) is already in use by another process; stop it, or choose another port, like PORT={int.Parse(TakenPort, CultureInfo.InvariantCulture) + 1}.\n", result.Error);
    }

    [Fact]
    public async Task RunLocal_AzuritePortTaken_RefusesBeforeBuildingOrSeeding()
    {
        var result = await RunAsync(("PORT", FreePort()), ("AZURITE_PORT", TakenPort));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.StartsWith($"error: port {TakenPort} (AZURITE_PORT) is already in use by another process; stop it, or choose another port, like AZURITE_PORT=", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("PORT", "http")]
    [InlineData("AZURITE_PORT", "70000")]
    public async Task RunLocal_PortNotANumber_RefusesWithTheRule(string variable, string value)
    {
        var result = await RunAsync((variable, value));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {variable} '{value}' is not a port: give a number from 1 to 65535, like {variable}=9000.\n", result.Error);
    }

    [Fact]
    public async Task RunLocal_SamePortForBoth_Refuses()
    {
        var port = FreePort();

        var result = await RunAsync(("PORT", port), ("AZURITE_PORT", port));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: PORT and AZURITE_PORT are both {port}; choose two ports", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _taken.Dispose();

    // A port nothing listens on right now: bound, read and released.
    private static string FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }

    private static Task<ToolResult> RunAsync(params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("/bin/bash") { ArgumentList = { RepositoryPaths.Combine("eng", "run-local.sh") } };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return ChildProcess.RunAsync(start, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }
}
