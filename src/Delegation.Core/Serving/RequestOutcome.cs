namespace Delegation.Serving;

/// <summary>How a well-known request was answered, for metrics.</summary>
public enum RequestOutcome
{
    Ok,
    NotModified,
    NotFound,
    InvalidHost,
    InvalidPath,
    Redirect,
    Unavailable,
    MethodNotAllowed,
    Preflight,

    /// <summary>A health probe of another Front Door profile (<see cref="RequestedHost.IsOtherProfilesProbe"/>).</summary>
    Forbidden,
}
