using Delegation.Checks;
using Delegation.Serving;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

namespace DelegationFunctions;

/// <summary>Builds the worker host; Program runs it, tests build it to check the wiring.</summary>
public static class FunctionsAppHost
{
    public static IHost Build(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);

        builder.ConfigureFunctionsWebApplication();

        builder.Services.AddDelegationTelemetry(builder.Configuration);
        builder.Services.AddDelegationServing();
        builder.Services.AddDelegationChecks();

        return builder.Build();
    }
}
