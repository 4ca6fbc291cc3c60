using DelegationFunctions;
using Microsoft.Extensions.Hosting;

FunctionsAppHost.Build(args).Run();
