namespace Delegation.Cli.Common;

/// <summary>A failure with a message for the admin and the exit status to end with; never shown as a stack trace.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
