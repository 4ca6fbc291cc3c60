using Azure.Core;
using Azure.Monitor.OpenTelemetry.Exporter;
using Delegation.Serving;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;

namespace DelegationFunctions;

/// <summary>Sends logs, traces and the "Delegation" counters to Application Insights, authenticated with Entra ID.</summary>
internal static class TelemetryServiceCollectionExtensions
{
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Does nothing without a connection string, so local runs and tests export nothing.</summary>
    public static IServiceCollection AddDelegationTelemetry(this IServiceCollection services, IConfiguration configuration, TokenCredential credential)
    {
        if (configuration[ConnectionStringKey] is not { Length: > 0 } connectionString)
        {
            return services;
        }

        // The component refuses instrumentation keys (local auth off): every signal carries the app's identity token.
        services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithMetrics(metrics => metrics.AddMeter(DelegationMetrics.MeterName))
            .UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                options.Credential = credential;
            });
        return services;
    }
}
