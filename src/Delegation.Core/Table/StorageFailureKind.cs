namespace Delegation.Table;

/// <summary>How table storage failed; each kind asks the operator for a different fix.</summary>
public enum StorageFailureKind
{
    /// <summary>No connection: refused, reset, name not resolved, TLS failed (status 0 or a socket error).</summary>
    Unreachable,

    /// <summary>No answer in time: the network timeout, the caller's own deadline, or 408.</summary>
    Timeout,

    /// <summary>The service is throttling (429).</summary>
    Throttled,

    /// <summary>The service failed (5xx).</summary>
    ServerError,

    /// <summary>The service refused the caller (401, 403): a wrong key, a bad token, or no role on the table.</summary>
    AccessDenied,

    /// <summary>The table does not exist (404 TableNotFound).</summary>
    TableNotFound,

    /// <summary>No Entra ID credential could be found (no managed identity, not signed in).</summary>
    NoCredential,

    /// <summary>The Entra ID credential exists but getting a token failed.</summary>
    CredentialFailed,

    /// <summary>The service answered with another error status.</summary>
    Rejected,

    /// <summary>A success status whose body the client cannot read: something other than the Table service may be answering.</summary>
    Unreadable,
}
