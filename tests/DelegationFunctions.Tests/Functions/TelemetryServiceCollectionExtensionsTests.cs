using Azure.Identity;
using DelegationFunctions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Delegation.Tests.Functions;

public sealed class TelemetryServiceCollectionExtensionsTests
{
    [Fact]
    public void AddDelegationTelemetry_NoConnectionString_RegistersNoExporter()
    {
        var services = new ServiceCollection();

        services.AddDelegationTelemetry(Configuration(null), new DefaultAzureCredential());

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(MeterProvider));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(TracerProvider));
    }

    [Fact]
    public void AddDelegationTelemetry_ConnectionString_RegistersMetricsAndTracing()
    {
        var services = new ServiceCollection();

        services.AddDelegationTelemetry(Configuration("InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:1/"), new DefaultAzureCredential());

        Assert.Contains(services, d => d.ServiceType == typeof(MeterProvider));
        Assert.Contains(services, d => d.ServiceType == typeof(TracerProvider));
    }

    private static IConfiguration Configuration(string? connectionString) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [TelemetryServiceCollectionExtensions.ConnectionStringKey] = connectionString })
            .Build();
}
