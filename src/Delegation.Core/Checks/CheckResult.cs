namespace Delegation.Checks;

/// <summary>
/// The last recorded check of one domain: when, the verdict, the first failing (or warning) step and its message,
/// and when the homeserver's certificate expires.
/// </summary>
internal sealed record CheckResult(
    string Domain,
    DateTimeOffset CheckedAt,
    CheckStatus Status,
    string? Step,
    string? Message,
    DateTimeOffset? CertificateExpires)
{
    /// <summary>The word stored in the results table and printed by the tool.</summary>
    public string StatusWord => Word(Status);

    public static string Word(CheckStatus status) => status switch
    {
        CheckStatus.Ok => "ok",
        CheckStatus.Warning => "warning",
        _ => "fail",
    };

    public static bool TryParseWord(string? word, out CheckStatus status)
    {
        (var known, status) = word?.ToLowerInvariant() switch
        {
            "ok" => (true, CheckStatus.Ok),
            "warning" or "warn" => (true, CheckStatus.Warning),
            "fail" => (true, CheckStatus.Fail),
            _ => (false, CheckStatus.Fail),
        };
        return known;
    }
}
