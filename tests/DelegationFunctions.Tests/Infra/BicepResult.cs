namespace Delegation.Tests.Infra;

/// <summary>Exit code and output of one bicep run.</summary>
internal sealed record BicepResult(int ExitCode, string Output, string Error)
{
    public string AllOutput => Output + Error;
}
