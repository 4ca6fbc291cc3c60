namespace Delegation.Checks;

/// <summary>
/// The watch's grade of one domain, stored in the results table. Its own scale, not a <see cref="Verdict"/>: a domain
/// is always graded (never "none"), and the grade adds what only the watch warns about (<see cref="CheckGrader"/>).
/// Words: <see cref="StatusWords"/>.
/// </summary>
internal enum CheckStatus
{
    /// <summary>Federation and client discovery work, nothing to fix.</summary>
    Ok,

    /// <summary>Works today, but something will break or already hurts (certificate expiring, slow, CORS...).</summary>
    Warning,

    /// <summary>Federation or client discovery fails for this domain.</summary>
    Fail,
}
