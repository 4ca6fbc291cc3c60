using Microsoft.Extensions.Logging;

namespace Delegation.Serving;

public sealed partial class DelegationResolver
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.InvalidRow, Level = LogLevel.Warning, Message = "Delegation row for {Domain} is invalid and its invalid documents are not served: {Problems}")]
        public static partial void InvalidRow(ILogger logger, string domain, string problems);

        [LoggerMessage(EventId = EventIds.ServingStaleAnswer, Level = LogLevel.Warning, Message = "Serving the cached answer for {Domain} because no fresh answer can be loaded")]
        public static partial void ServingStale(ILogger logger, string domain);

        [LoggerMessage(EventId = EventIds.ResolveFaulted, Level = LogLevel.Error, Message = "Resolving {Domain} failed with an unexpected error, a defect rather than a storage failure; answering as in an outage")]
        public static partial void LoadFaulted(ILogger logger, string domain, Exception exception);

        [LoggerMessage(EventId = EventIds.SecondaryAnswered, Level = LogLevel.Warning, Message = "Answered {Domain} from the secondary endpoint (row {Row}) because the primary failed")]
        public static partial void SecondaryAnswered(ILogger logger, string domain, string row);

        [LoggerMessage(EventId = EventIds.MissingOnSecondary, Level = LogLevel.Warning, Message = "No row for {Domain} on the secondary endpoint while the primary fails; answering as in an outage, since the row may be newer than the last sync")]
        public static partial void MissingOnSecondary(ILogger logger, string domain);

        [LoggerMessage(EventId = EventIds.PrimaryAnswersAgain, Level = LogLevel.Information, Message = "The primary endpoint answers again (read of {Domain}); the secondary is no longer used")]
        public static partial void PrimaryAnswersAgain(ILogger logger, string domain);

        [LoggerMessage(EventId = EventIds.PrimarySkipped, Level = LogLevel.Warning, Message = "The primary endpoint failed (read of {Domain}); reads go to the secondary endpoint for {Seconds:0.#} s, then one read tries the primary again")]
        public static partial void PrimarySkipped(ILogger logger, string domain, double seconds);
    }
}
