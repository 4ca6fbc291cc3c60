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
    DateTimeOffset? CertificateExpires);
