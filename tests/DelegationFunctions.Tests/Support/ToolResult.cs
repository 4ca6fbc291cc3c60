namespace Delegation.Tests.Support;

/// <summary>Exit code and output of one run of a command-line tool.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public string AllOutput => Output + Error;
}
