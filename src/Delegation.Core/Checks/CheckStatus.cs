namespace Delegation.Checks;

/// <summary>The watch's verdict on one domain.</summary>
internal enum CheckStatus
{
    /// <summary>Federation and client discovery work, nothing to fix.</summary>
    Ok,

    /// <summary>Works today, but something will break or already hurts (certificate expiring, slow, CORS...).</summary>
    Warning,

    /// <summary>Federation or client discovery fails for this domain.</summary>
    Fail,
}
