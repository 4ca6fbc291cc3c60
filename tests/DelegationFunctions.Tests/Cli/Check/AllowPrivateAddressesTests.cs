using Delegation.Tests.Checks;

namespace Delegation.Tests.Cli.Check;

/// <summary><c>--allow-private-addresses</c> and its setting, through the command line.</summary>
public sealed class AllowPrivateAddressesTests
{
    [Fact]
    public async Task Check_LoopbackMServer_RefusedUnlessOptedIn()
    {
        using var trap = new LoopbackListener(holdOpen: false);
        await using var network = await CheckNetwork.StartAsync();
        network.Pin("example.test", 443).Server.ValidFor("example.test")
            .Json("example.test", Scenario.ServerWellKnown, $$"""{"m.server":"127.0.0.1:{{trap.Port}}"}""");

        var refused = await CliRun.InvokeAsync(["check", "example.test", .. network.Arguments()]);
        var trapAfterRefusal = trap.Connections;
        var allowed = await CliRun.InvokeAsync(["check", "example.test", "--allow-private-addresses", .. network.Arguments()]);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"[FAIL] federation: 127.0.0.1:{trap.Port}: refused: 127.0.0.1 is a loopback address", refused.Output, StringComparison.Ordinal);
        Assert.Equal(0, trapAfterRefusal);
        Assert.DoesNotContain("refused", allowed.Output, StringComparison.Ordinal);
        Assert.True(trap.Connections > 0, "with the opt-in the check connects");
    }
}
