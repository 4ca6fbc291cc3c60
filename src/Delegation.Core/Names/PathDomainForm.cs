namespace Delegation.Names;

/// <summary>How the first segment of a path-mode request names its domain (<see cref="PathDomain"/>).</summary>
internal enum PathDomainForm
{
    /// <summary>Exactly the domain as the table keys it: answered.</summary>
    Canonical,

    /// <summary>The same name in another case or with percent-encoding: redirected to the canonical segment.</summary>
    Redirect,

    /// <summary>Not a domain in any form the service answers for (a port, a trailing dot, Unicode, junk): 404.</summary>
    Invalid,
}
