using Azure.Core;
using Delegation.Checks;
using Delegation.Serving;
using Delegation.Table;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DelegationFunctions;

/// <summary>Builds the worker host; Program runs it, tests build it to check the wiring.</summary>
public static class FunctionsAppHost
{
    public static IHost Build(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);

        builder.ConfigureFunctionsWebApplication();
        builder.Logging.AddRequestLogFilter(builder.Configuration);

        // One credential for the process: the table clients and the telemetry exporter share its token cache
        // (AddDelegationStorage takes this one instead of making its own).
        var credential = DelegationTableClientFactory.CreateCredential();
        builder.Services.AddSingleton<TokenCredential>(credential);
        builder.Services.AddDelegationTelemetry(builder.Configuration, credential);
        builder.Services.AddDelegationServing();
        builder.Services.AddDelegationChecks();
        builder.Services.AddHostedService<StorageWarmUp>();

        return builder.Build();
    }
}
