using Microsoft.Extensions.Logging;

namespace Delegation.Serving;

public sealed partial class DelegationResolver
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Delegation row for {Domain} is invalid and its invalid documents are not served: {Problems}")]
        public static partial void InvalidRow(ILogger logger, string domain, string problems);

        [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Reading the delegation row for {Domain} failed: {Failure}")]
        public static partial void StorageFailed(ILogger logger, string domain, string failure, Exception exception);

        [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Serving the cached answer for {Domain} because no fresh answer can be loaded")]
        public static partial void ServingStale(ILogger logger, string domain);

        [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Resolving {Domain} failed with an unexpected error, a defect rather than a storage failure; answering as in an outage")]
        public static partial void LoadFaulted(ILogger logger, string domain, Exception exception);
    }
}
