[assembly: AssemblyFixture(typeof(Delegation.Tests.Support.AzuriteFixture))]

namespace Delegation.Tests.Support;

/// <summary>
/// The one Azurite most tests share, started on first use and stopped when the test run ends. Without Node.js on
/// PATH the tests that need it are skipped with the reason, and the rest still run.
/// </summary>
public sealed class AzuriteFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private Azurite? _azurite;

    /// <summary>The running Azurite; skips the calling test when Node.js is missing (the start does).</summary>
    public async Task<Azurite> GetAsync()
    {
        await _startLock.WaitAsync();
        try
        {
            return _azurite ??= await Azurite.StartAsync();
        }
        finally
        {
            _startLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        _startLock.Dispose();
    }
}
