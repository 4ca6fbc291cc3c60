using System.Runtime.InteropServices;

namespace Delegation.Cli.Common;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM while a command runs. The first signal cancels the command's token, so the command stops
/// its requests and says how far it got; a second one gets the default action and ends the process at once.
/// Registered with <see cref="PosixSignalRegistration"/> (which also sees SIGTERM, unlike Console.CancelKeyPress), in
/// place of System.CommandLine's own handler: that one does not tell the command which signal came, and after
/// <c>ProcessTerminationTimeout</c> (2 s) it returns without waiting for the command's last line; a command that then
/// ends with the cancellation exits 1 without a word (dotnet/command-line-api,
/// <c>src/System.CommandLine/Invocation/ProcessTerminationHandler.cs</c> and <c>InvocationPipeline.cs</c>).
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _exitCode;

    private Interruption()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => _cancel.Token;

    /// <summary>The status for the signal that came: 130 for SIGINT, 143 for SIGTERM (128 + the signal's number, as shells report it).</summary>
    public int ExitCode => Volatile.Read(ref _exitCode) is ExitCodes.Terminated ? ExitCodes.Terminated : ExitCodes.Interrupted;

    public static Interruption Listen() => new();

    /// <summary><paramref name="exitCode"/>, with an interrupted command's status made the signal's own.</summary>
    public int Final(int exitCode) => exitCode == ExitCodes.Interrupted ? ExitCode : exitCode;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        var exitCode = context.Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;
        if (Interlocked.CompareExchange(ref _exitCode, exitCode, 0) != 0)
        {
            return;
        }

        context.Cancel = true;
        _cancel.Cancel();
    }
}
