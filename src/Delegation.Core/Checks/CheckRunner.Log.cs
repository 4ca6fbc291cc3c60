using Microsoft.Extensions.Logging;

namespace Delegation.Checks;

internal sealed partial class CheckRunner
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.DomainFails, Level = LogLevel.Error, Message = "Delegation check of {Domain} fails at step '{Step}': {Problem}")]
        public static partial void DomainFails(ILogger logger, string domain, string? step, string? problem);

        [LoggerMessage(EventId = EventIds.DomainWarns, Level = LogLevel.Warning, Message = "Delegation check of {Domain} warns at step '{Step}': {Problem}")]
        public static partial void DomainWarns(ILogger logger, string domain, string? step, string? problem);

        [LoggerMessage(EventId = EventIds.DomainTimedOut, Level = LogLevel.Error, Message = "Delegation check of {Domain} did not finish within its deadline of {Seconds} s: {Problem}")]
        public static partial void DomainTimedOut(ILogger logger, string domain, double seconds, string? problem);

        [LoggerMessage(EventId = EventIds.DomainCheckBroke, Level = LogLevel.Error, Message = "Delegation check of {Domain} stopped on an unexpected error; it is recorded as failed")]
        public static partial void DomainCheckBroke(ILogger logger, string domain, Exception exception);

        [LoggerMessage(EventId = EventIds.RecordFailed, Level = LogLevel.Error, Message = "The check result of {Domain} could not be recorded")]
        public static partial void RecordFailed(ILogger logger, string domain, Exception exception);
    }
}
