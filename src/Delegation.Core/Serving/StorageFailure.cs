using System.Net.Sockets;
using Azure;
using Azure.Identity;

namespace Delegation.Serving;

/// <summary>Tells a table that cannot be reached or read from a defect in our own code.</summary>
internal static class StorageFailure
{
    /// <summary>
    /// True for what an outage, a slow or unreachable network or a missing credential throws: the service answers
    /// those with stale-if-error or a 503 and logs "storage failed". Cancellation is always a timeout here, the
    /// resolver's own or the SDK's network timeout, because no caller's token reaches a table read.
    /// </summary>
    public static bool Is(Exception exception) => exception is
        RequestFailedException
        or OperationCanceledException
        or TimeoutException
        or HttpRequestException
        or IOException
        or SocketException
        // CredentialUnavailableException derives from it.
        or AuthenticationFailedException;
}
