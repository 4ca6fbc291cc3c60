namespace FunctionsHostHarness;

/// <summary>
/// Retries a forward that could not connect, as the host's own <c>RetryProxyHandler</c> does
/// (azure-functions-host, src/WebJobs.Script/Http/RetryProxyHandler.cs: 10 attempts, 50 ms doubling to 250 ms):
/// the worker reports its <c>HttpUri</c> before its Kestrel listens, so the first requests can find nobody there.
/// </summary>
internal sealed class RetryProxyHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private const int MaxAttempts = 10;
    private static readonly TimeSpan InitialDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaximumDelay = TimeSpan.FromMilliseconds(250);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var delay = InitialDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException) when (attempt < MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaximumDelay.Ticks));
            }
        }
    }
}
