using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace DelegationFunctions;

/// <summary>
/// Keeps ASP.NET Core's per-request logs ("Request starting", "Executing endpoint", ...) out of the worker's output by
/// default: the worker sends each to the Functions host over gRPC and on to Application Insights, billed per GB, four
/// per request. Our own metrics count requests by outcome, and our <c>[LoggerMessage]</c> events are not affected.
/// </summary>
internal static class RequestLogging
{
    /// <summary>App setting <c>Delegation__RequestLogLevel</c>; <c>Information</c> turns the request logs back on.</summary>
    public const string LevelKey = "Delegation:RequestLogLevel";

    private const string AspNetCoreCategory = "Microsoft.AspNetCore";

    // A setting of our own rather than Logging__LogLevel__Microsoft.AspNetCore: a category name holds dots, which
    // environment-variable app settings cannot carry everywhere (dotnet/runtime#35989).
    public static ILoggingBuilder AddRequestLogFilter(this ILoggingBuilder logging, IConfiguration configuration)
    {
        var level = configuration.GetValue(LevelKey, LogLevel.Warning);
        return logging.AddFilter(AspNetCoreCategory, level);
    }
}
