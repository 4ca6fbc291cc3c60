
namespace Delegation.Tests.Infra;

/// <summary>One ReadyToRun publish of the function app per test run, made by eng/publish.sh --output-only.</summary>
public sealed class PublishOutputFixture : IAsyncLifetime
{
    private static readonly string LocalSettings = RepositoryPaths.Combine("local.settings.json");
    private bool _wroteLocalSettings;

    public string Folder { get; } = Directory.CreateTempSubdirectory("publish-").FullName;

    public async ValueTask InitializeAsync()
    {
        // A developer's local settings sit beside the solution; a clean clone has none, so the publish gets one to leave out.
        if (!File.Exists(LocalSettings))
        {
            await File.WriteAllTextAsync(LocalSettings, """{"IsEncrypted":false,"Values":{"DelegationTable":"published-by-mistake"}}""");
            _wroteLocalSettings = true;
        }

        var result = await PublishScript.RunAsync(["--output-only", Folder]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"eng/publish.sh --output-only failed with {result.ExitCode}: {result.Error}{result.Output}");
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_wroteLocalSettings)
        {
            File.Delete(LocalSettings);
        }

        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
