namespace Delegation.Checks;

/// <summary>
/// Every word a status is stored or shown as, for the three scales (<see cref="StepStatus"/>, <see cref="Verdict"/>,
/// <see cref="CheckStatus"/>). <c>check --json</c> writes the enum names as they are.
/// </summary>
internal static class StatusWords
{
    /// <summary>A domain's result as the results table stores it, the metrics count it and <c>delegation checks</c> prints it.</summary>
    public static string Of(CheckStatus status) => status switch
    {
        CheckStatus.Ok => "ok",
        CheckStatus.Warning => "warning",
        _ => "fail",
    };

    /// <summary>A stored word back to its result; any case, and "warn" for "warning".</summary>
    public static bool TryParse(string? word, out CheckStatus status)
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

    /// <summary>The CHECK column of <c>delegation list</c>: ok, warn, FAIL, or never when nothing was recorded.</summary>
    public static string Column(CheckStatus? status) => status switch
    {
        null => "never",
        CheckStatus.Ok => "ok",
        CheckStatus.Warning => "warn",
        _ => "FAIL",
    };

    /// <summary>A document's verdict in the report and the summary table.</summary>
    public static string Of(Verdict verdict) => verdict switch
    {
        Verdict.Ok => "OK",
        Verdict.None => "none",
        Verdict.Warn => "WARN",
        _ => "FAIL",
    };

    /// <summary>A step's mark in the report, all marks one width.</summary>
    public static string Mark(StepStatus status) => status switch
    {
        StepStatus.Ok => "[ok]  ",
        StepStatus.Warn => "[warn]",
        StepStatus.Fail => "[FAIL]",
        _ => "[info]",
    };
}
