using Microsoft.Extensions.Logging;

namespace Delegation.Serving;

internal sealed partial class TableEndpoint
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.StorageReadFailed, Level = LogLevel.Error, Message = "Reading the delegation row for {Domain} failed: {Failure} ({Endpoint} endpoint)")]
        public static partial void StorageFailed(ILogger logger, string domain, string failure, string endpoint, Exception exception);
    }
}
