
namespace Delegation.Tests.Infra;

/// <summary>One ReadyToRun publish of the function app per test run, made by eng/publish.sh --output-only.</summary>
public sealed class PublishOutputFixture : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("publish-").FullName;

    public async ValueTask InitializeAsync()
    {
        var result = await PublishScript.RunAsync(["--output-only", Folder]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"eng/publish.sh --output-only failed with {result.ExitCode}: {result.Error}{result.Output}");
        }
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
