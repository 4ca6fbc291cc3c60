using Microsoft.Extensions.Logging;

namespace DelegationFunctions;

internal sealed partial class StorageWarmUp
{
    private static partial class Log
    {
        // Information, not a warning: the first request meets the same failure and reports it as the error it is.
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Opening the table connection at start-up failed; requests will try again: {Failure}")]
        public static partial void WarmUpFailed(ILogger logger, string failure);
    }
}
