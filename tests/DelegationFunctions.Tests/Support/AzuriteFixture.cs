[assembly: AssemblyFixture(typeof(Delegation.Tests.Support.AzuriteFixture))]

namespace Delegation.Tests.Support;

/// <summary>
/// The Azurites the whole test run shares, each started on first use and stopped when the run ends: the plain one most
/// tests use, and the keyless one (https, bearer tokens) of <see cref="KeylessStorage"/>. Tests keep apart by their own
/// tables; only the outage tests, which stop storage, start their own. Without Node.js on PATH the tests that need
/// Azurite are skipped with the reason, and the rest still run.
/// </summary>
public sealed class AzuriteFixture : IAsyncDisposable
{
    private readonly StartedOnce _plain = new(Azurite.StartAsync);
    private readonly StartedOnce _keyless = new(Azurite.StartKeylessAsync);

    /// <summary>The running Azurite; skips the calling test when Node.js is missing (the start does).</summary>
    public Task<Azurite> GetAsync() => _plain.GetAsync();

    /// <summary>The running keyless Azurite (<see cref="Azurite.StartKeylessAsync"/>); skips the calling test when Node.js is missing.</summary>
    public Task<Azurite> GetKeylessAsync() => _keyless.GetAsync();

    public async ValueTask DisposeAsync()
    {
        await _plain.DisposeAsync();
        await _keyless.DisposeAsync();
    }

    /// <summary>One Azurite, started by the first caller; a failed start is tried again by the next.</summary>
    private sealed class StartedOnce(Func<Task<Azurite>> start) : IAsyncDisposable
    {
        private readonly SemaphoreSlim _startLock = new(1, 1);
        private Azurite? _azurite;

        public async Task<Azurite> GetAsync()
        {
            await _startLock.WaitAsync();
            try
            {
                return _azurite ??= await start();
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
}
