using Microsoft.Extensions.Logging;

namespace Delegation.Serving;

internal sealed partial class StorageWarmUp
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.StorageWarmUpFailed, Level = LogLevel.Warning, Message = "Reading table '{Table}' at {Endpoint} at start-up failed: {Failure}. Serving anyway: each request reads again, and answers as in a storage outage while this lasts")]
        public static partial void WarmUpFailed(ILogger logger, string table, string endpoint, string failure);
    }
}
