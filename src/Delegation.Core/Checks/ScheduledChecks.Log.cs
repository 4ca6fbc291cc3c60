using Microsoft.Extensions.Logging;

namespace Delegation.Checks;

public sealed partial class ScheduledChecks
{
    /// <summary>How the end of every run is logged; the Bicep alert "no run finished for 26 hours" searches for it.</summary>
    internal const string FinishedMessage = "Delegation checks finished";

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.ChecksStarting, Level = LogLevel.Information, Message = "Delegation checks start in {Seconds:0} s")]
        public static partial void Starting(ILogger logger, double seconds);

        [LoggerMessage(EventId = EventIds.ChecksFinished, Level = LogLevel.Information, Message = FinishedMessage + ": {Domains} domains, {Ok} ok, {Warnings} warnings, {Failures} failing, {RecordFailures} not recorded")]
        public static partial void Finished(ILogger logger, int domains, int ok, int warnings, int failures, int recordFailures);
    }
}
