using Delegation.Serving;
using DelegationFunctions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

builder.ConfigureFunctionsWebApplication();

builder.Services.AddDelegationTelemetry(builder.Configuration);
builder.Services.AddDelegationServing();

builder.Build().Run();
