
namespace Delegation.Tests.Functions;

/// <summary>What the build leaves for the host; the FunctionsHost tests run that output under the host protocol.</summary>
public sealed class FunctionsAppHostTests
{
    [Fact]
    public void BuildOutput_HostJson_HasEmptyRoutePrefix() => FunctionAppOutput.AssertHostJsonHasEmptyRoutePrefix(FunctionAppOutput.BuildFolder);

    [Fact]
    public void BuildOutput_FunctionsMetadata_ListsHostAndPathRoutesAsAnonymous() => FunctionAppOutput.AssertMetadataListsTheAnonymousRoutes(FunctionAppOutput.BuildFolder);

    [Fact]
    public void BuildOutput_WorkerConfig_StartsTheIsolatedWorker() => FunctionAppOutput.AssertWorkerConfigStartsTheIsolatedWorker(FunctionAppOutput.BuildFolder);
}
