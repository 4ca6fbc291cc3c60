using System.Diagnostics;

namespace Delegation.Tests.Support;

public sealed class ChildProcessTests
{
    [Fact]
    public async Task WaitForExitAsync_TreeOutlivesTimeout_KillsTheTreeAndReportsOutput()
    {
        await using var child = ChildProcess.Start(new ProcessStartInfo("/bin/sh", ["-c", "sleep 600 & echo $!; wait"]));
        var sleepId = await child.WaitForLineAsync(line => line.Length > 0, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var exception = await Assert.ThrowsAsync<TimeoutException>(() => child.WaitForExitAsync(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken));

        Assert.Contains("/bin/sh -c sleep 600 & echo $!; wait", exception.Message, StringComparison.Ordinal);
        Assert.Contains("killed after 1", exception.Message, StringComparison.Ordinal);
        Assert.Contains(sleepId, exception.Message, StringComparison.Ordinal);
        Assert.False(IsRunning(sleepId), $"sleep ({sleepId}) still runs");
    }

    [Fact]
    public async Task WaitForLineAsync_ProcessEndsFirst_FailsWithExitCodeAndOutput()
    {
        await using var child = ChildProcess.Start(new ProcessStartInfo("/bin/sh", ["-c", "echo almost; echo wrong >&2; exit 3"]));

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => child.WaitForLineAsync(line => line == "ready", TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

        Assert.Contains("exited with 3", exception.Message, StringComparison.Ordinal);
        Assert.Contains("almost", exception.Message, StringComparison.Ordinal);
        Assert.Contains("wrong", exception.Message, StringComparison.Ordinal);
    }

    // A killed process whose parent is gone may stay a zombie (state Z) until something reaps it; it no longer runs.
    private static bool IsRunning(string id)
    {
        var stat = $"/proc/{id}/stat";
        return File.Exists(stat) && !File.ReadAllText(stat).Contains(") Z ", StringComparison.Ordinal);
    }
}
