using Delegation.Checks;

namespace Delegation.Cli.Check;

/// <summary>A recorded result as JSON for scripts (<c>delegation checks --json</c>).</summary>
internal sealed record CheckResultJson(string Domain, string Result, DateTimeOffset CheckedAt, string? Step, string? Message, DateTimeOffset? CertificateExpires)
{
    public static CheckResultJson From(CheckResult result) =>
        new(result.Domain, StatusWords.Of(result.Status), result.CheckedAt, result.Step, result.Message, result.CertificateExpires);
}
