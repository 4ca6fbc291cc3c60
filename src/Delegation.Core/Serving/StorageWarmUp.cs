using Delegation.Table;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Delegation.Serving;

/// <summary>
/// One point read, at start, for a key no row can have, through the same store (and so the same credential, token
/// cache and connection pool) the request path uses. On a cold function app instance it fetches the token and opens the
/// connection while the worker connects to the host and loads its functions, so the first request does not pay for
/// them; in <c>delegation serve</c> it tells the operator at once when the table cannot be read. It never delays
/// start-up, and a failure is one warning naming the endpoint and the reason: the service keeps running, and requests
/// read, and report, as they always do.
/// </summary>
/// <remarks>
/// The read begins in <see cref="StartingAsync"/>, which the host calls for every lifecycle service before it starts any
/// hosted service, after the options are validated: in the worker that is before the gRPC connection to the Functions
/// host and the worker's own HTTP server start, about a second earlier on a busy instance than a plain
/// <see cref="IHostedService.StartAsync"/> registered after them (docs/performance.md, cold start).
/// </remarks>
internal sealed partial class StorageWarmUp(IServiceProvider services, ILogger<StorageWarmUp> logger) : IHostedLifecycleService, IDisposable
{
    /// <summary>A reserved name (RFC 2606 <c>.invalid</c>): no delegation row can be keyed by it.</summary>
    internal const string Domain = "warm-up.invalid";

    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Completes when the warm-up has finished, failed or been stopped; it never faults.</summary>
    internal Task Completion { get; private set; } = Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        Completion = Task.Run(() => WarmAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Waits for the read to end, so the service provider is not disposed under it.
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Completion.WaitAsync(cancellationToken);
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _stopping.Dispose();

    private async Task WarmAsync(CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<IDelegationStore>().GetAsync(Domain, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            var reason = StorageFailure.From(ex, cancellationToken)?.Description ?? $"{ex.GetType().Name}: {ex.Message.Split('\n')[0].Trim()}";
            var storage = services.GetRequiredService<IOptions<DelegationStorageOptions>>().Value;
            Log.WarmUpFailed(logger, storage.TableName, storage.Endpoint(), reason);
        }
    }
}
