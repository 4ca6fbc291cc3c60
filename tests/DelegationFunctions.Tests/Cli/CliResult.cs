namespace Delegation.Tests.Cli;

/// <summary>Exit code and captured output of one in-process run of the tool.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
