using Delegation.Serving;
using Delegation.Tests.Infrastructure;
using DelegationFunctions;
using Microsoft.Extensions.DependencyInjection;

namespace Delegation.Tests.Functions;

public sealed class FunctionsAppHostTests
{
    [Fact]
    public async Task Build_WithLocalSettings_ResolvesTheSharedHandler()
    {
        var azurite = await Azurite.Shared;
        Environment.SetEnvironmentVariable("DelegationStorage", azurite.ConnectionString);

        using var host = FunctionsAppHost.Build([]);

        Assert.NotNull(host.Services.GetRequiredService<WellKnownHandler>());
        Assert.NotNull(ActivatorUtilities.CreateInstance<WellKnownFunctions>(host.Services));
    }

    [Fact]
    public void BuildOutput_HostJson_HasEmptyRoutePrefix() => FunctionAppOutput.AssertHostJsonHasEmptyRoutePrefix(FunctionAppOutput.BuildFolder);

    [Fact]
    public void BuildOutput_FunctionsMetadata_ListsHostAndPathRoutesAsAnonymous() => FunctionAppOutput.AssertMetadataListsTheAnonymousRoutes(FunctionAppOutput.BuildFolder);

    [Fact]
    public void BuildOutput_HoldsWorkerConfig()
    {
        Assert.True(File.Exists(Path.Combine(FunctionAppOutput.BuildFolder, "worker.config.json")));
    }
}
