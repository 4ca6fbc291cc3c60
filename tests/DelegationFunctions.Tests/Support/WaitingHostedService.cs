using Microsoft.Extensions.Hosting;

namespace Delegation.Tests.Support;

/// <summary>
/// A hosted service whose start waits for <paramref name="until"/>: it stands for a service the host starts before
/// another, such as the worker's connection to the Functions host.
/// </summary>
internal sealed class WaitingHostedService(Func<Task> until) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => until().WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
