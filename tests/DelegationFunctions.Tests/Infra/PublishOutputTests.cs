using System.Reflection.PortableExecutable;

namespace Delegation.Tests.Infra;

/// <summary>What eng/publish.sh hands to <c>func azure functionapp publish --no-build</c>.</summary>
public sealed class PublishOutputTests(PublishOutputFixture publish) : IClassFixture<PublishOutputFixture>
{
    [Fact]
    public void HostJson_InOutput_HasNoRoutePrefix() => FunctionAppOutput.AssertHostJsonHasEmptyRoutePrefix(publish.Folder);

    [Fact]
    public void WorkerConfig_InOutput_StartsTheIsolatedWorker() => FunctionAppOutput.AssertWorkerConfigStartsTheIsolatedWorker(publish.Folder);

    [Fact]
    public void FunctionsMetadata_InOutput_HasTheAnonymousWellKnownRoutes() => FunctionAppOutput.AssertMetadataListsTheAnonymousRoutes(publish.Folder);

    [Theory]
    [InlineData("DelegationFunctions.dll")]
    [InlineData("Delegation.Core.dll")]
    public void Assemblies_InOutput_AreReadyToRun(string assembly)
    {
        using var stream = File.OpenRead(Path.Combine(publish.Folder, assembly));
        using var reader = new PEReader(stream);

        var corHeader = reader.PEHeaders.CorHeader;

        Assert.NotNull(corHeader);
        Assert.True(corHeader.ManagedNativeHeaderDirectory.Size > 0, $"{assembly} has no ReadyToRun header.");
    }

    [Fact]
    public void Assemblies_IlOnlyBuild_HaveNoReadyToRunHeader()
    {
        // The same check against the plain build proves it tells the two apart.
        var plain = Path.Combine(AppContext.BaseDirectory, "DelegationFunctions.dll");
        using var stream = File.OpenRead(plain);
        using var reader = new PEReader(stream);

        var corHeader = reader.PEHeaders.CorHeader;

        Assert.NotNull(corHeader);
        Assert.Equal(0, corHeader.ManagedNativeHeaderDirectory.Size);
    }

    [Fact]
    public void LocalSettings_InOutput_AreNotPublished()
    {
        var files = Directory.EnumerateFiles(publish.Folder).Select(Path.GetFileName);

        Assert.DoesNotContain("local.settings.json", files);
    }
}
