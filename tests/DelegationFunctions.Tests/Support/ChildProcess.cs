using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Delegation.Tests.Support;

/// <summary>
/// A process a test starts: stdout and stderr captured line by line, waits with a timeout, and the whole process tree
/// killed when a wait times out, when the test is cancelled, or on dispose. A failed wait reports the command line,
/// how the process ended and everything it printed.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<string> _output = [];
    private readonly List<string> _error = [];
    private readonly List<(Func<string, bool> Matches, TaskCompletionSource<string?> Line)> _waiters = [];
    private int _openStreams = 2;
    private TimeSpan? _killedAfter;

    private ChildProcess(Process process, string commandLine)
    {
        _process = process;
        CommandLine = commandLine;
    }

    public string CommandLine { get; }

    public int Id => _process.Id;

    /// <summary>Everything written to stdout so far.</summary>
    public string Output => Text(_output);

    /// <summary>Everything written to stderr so far.</summary>
    public string Error => Text(_error);

    /// <summary>Starts <paramref name="start"/> with stdout and stderr redirected and read.</summary>
    public static ChildProcess Start(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var arguments = start.ArgumentList.Count > 0 ? string.Join(' ', start.ArgumentList) : start.Arguments;
        var commandLine = $"{start.FileName} {arguments}".TrimEnd();
        var process = new Process { StartInfo = WithDefaultSignals(start) };
        var child = new ChildProcess(process, commandLine);
        process.OutputDataReceived += (_, e) => child.Receive(e.Data, child._output);
        process.ErrorDataReceived += (_, e) => child.Receive(e.Data, child._error);
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// The same command under <c>env --default-signal</c>. A test run started in the background (nohup, or '&amp;' in a
    /// script) inherits SIGINT and SIGQUIT ignored, and a program cannot catch a signal that was ignored when it
    /// started; env execs the command with the defaults a terminal gives, so a test's Ctrl-C reaches it. The process ID
    /// stays the command's own.
    /// </summary>
    private static ProcessStartInfo WithDefaultSignals(ProcessStartInfo start)
    {
        if (start.ArgumentList.Count > 0 || start.Arguments.Length == 0)
        {
            start.ArgumentList.Insert(0, start.FileName);
            start.ArgumentList.Insert(0, "--default-signal=INT,QUIT");
        }
        else
        {
            start.Arguments = $"--default-signal=INT,QUIT {start.FileName} {start.Arguments}";
        }

        start.FileName = "/usr/bin/env";
        return start;
    }

    /// <summary>Runs <paramref name="start"/> to its end and returns its exit code and output; kills it after <paramref name="timeout"/>.</summary>
    public static async Task<ToolResult> RunAsync(ProcessStartInfo start, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await using var child = Start(start);
        var exitCode = await child.WaitForExitAsync(timeout, cancellationToken);
        return new ToolResult(exitCode, child.Output, child.Error);
    }

    /// <summary>Runs <paramref name="start"/> with <paramref name="standardInput"/> piped in (UTF-8, then closed), as <c>cmd &lt; file</c> does.</summary>
    public static async Task<ToolResult> RunAsync(ProcessStartInfo start, string standardInput, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        start.RedirectStandardInput = true;
        start.StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        await using var child = Start(start);
        await child._process.StandardInput.WriteAsync(standardInput);
        child._process.StandardInput.Close();
        var exitCode = await child.WaitForExitAsync(timeout, cancellationToken);
        return new ToolResult(exitCode, child.Output, child.Error);
    }

    /// <summary>The first line, on stdout or stderr, that <paramref name="matches"/>; fails when the process ends first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> matches, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var waiter = (Matches: matches, Line: new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            if (_lines.FirstOrDefault(matches) is { } seen)
            {
                return seen;
            }

            if (_openStreams == 0)
            {
                waiter.Line.SetResult(null);
            }
            else
            {
                _waiters.Add(waiter);
            }
        }

        try
        {
            await WaitAsync(waiter.Line.Task, timeout, "the line it waited for", cancellationToken);
            return await waiter.Line.Task ?? throw new InvalidOperationException(await EndedAsync("ended before it printed the line it waited for"));
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Waits for the process to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await WaitAsync(_process.WaitForExitAsync(CancellationToken.None), timeout, "its end", cancellationToken);
        return _process.ExitCode;
    }

    /// <summary>Sends <paramref name="signal"/> (<c>INT</c> as Ctrl+C does, <c>TERM</c>...) to this process only, as <c>kill</c> does, so that it can run its own clean-up.</summary>
    public async Task SignalAsync(string signal, CancellationToken cancellationToken = default)
    {
        var kill = new ProcessStartInfo("/bin/kill") { ArgumentList = { $"-{signal}", Id.ToString(CultureInfo.InvariantCulture) } };
        var result = await RunAsync(kill, TimeSpan.FromSeconds(10), cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {Id} failed with {result.ExitCode}: {result.AllOutput}");
        }
    }

    /// <summary>The command line, how the process ended (or that it still runs) and all it printed.</summary>
    public override string ToString()
    {
        var state = _killedAfter is { } killed ? $"killed after {killed.TotalSeconds:0.#} s"
            : _process.HasExited ? $"exited with {_process.ExitCode}"
            : "still running";
        return $"{CommandLine}{Environment.NewLine}({state}) output:{Environment.NewLine}{Text(_lines)}";
    }

    /// <summary>Kills the process tree if it still runs.</summary>
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task WaitAsync(Task task, TimeSpan timeout, string awaited, CancellationToken cancellationToken)
    {
        using var cancelled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, TestContext.Current.CancellationToken);
        try
        {
            await task.WaitAsync(timeout, cancelled.Token);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(await KilledAsync($"did not reach {awaited} within {timeout.TotalSeconds:0.#} s"), ex);
        }
        catch (OperationCanceledException ex)
        {
            throw new OperationCanceledException(await KilledAsync($"was cancelled while waiting for {awaited}"), ex, ex.CancellationToken);
        }
    }

    private async Task<string> KilledAsync(string what)
    {
        await KillAsync();
        return $"The process {what}: {this}";
    }

    private async Task<string> EndedAsync(string what)
    {
        await Task.WhenAny(_process.WaitForExitAsync(CancellationToken.None), Task.Delay(KillGrace, CancellationToken.None));
        return $"The process {what}: {this}";
    }

    private async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _killedAfter = _clock.Elapsed;
            _process.Kill(entireProcessTree: true);
        }

        // A descendant that left the tree could hold the pipes open; it must not hang the test.
        await Task.WhenAny(_process.WaitForExitAsync(CancellationToken.None), Task.Delay(KillGrace, CancellationToken.None));
    }

    private void Receive(string? line, List<string> stream)
    {
        lock (_gate)
        {
            if (line is null)
            {
                if (--_openStreams == 0)
                {
                    _waiters.ForEach(w => w.Line.TrySetResult(null));
                }

                return;
            }

            stream.Add(line);
            _lines.Add(line);
            foreach (var waiter in _waiters.Where(w => w.Matches(line)))
            {
                waiter.Line.TrySetResult(line);
            }
        }
    }

    private string Text(List<string> lines)
    {
        lock (_gate)
        {
            return string.Concat(lines.Select(l => l + Environment.NewLine));
        }
    }
}
