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

    [Fact]
    public async Task Start_FromABackgroundTestRun_GivesTheChildDefaultInterruptSignals()
    {
        // Under nohup or '&' the test run itself ignores SIGINT and SIGQUIT; its children must not inherit that.
        var result = await ChildProcess.RunAsync(new ProcessStartInfo("/bin/sh", ["-c", "sed -n 's/^SigIgn:[[:space:]]*//p' /proc/self/status"]), TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var ignored = Convert.ToUInt64(result.Output.Trim(), 16);
        Assert.Equal(0UL, ignored & ((1UL << (2 - 1)) | (1UL << (3 - 1))));
    }

    // A killed process whose parent is gone may stay a zombie (state Z) until something reaps it; it no longer runs.
    private static bool IsRunning(string id)
    {
        var stat = $"/proc/{id}/stat";
        return File.Exists(stat) && !File.ReadAllText(stat).Contains(") Z ", StringComparison.Ordinal);
    }
}
