namespace Delegation.Tests.Support;

/// <summary>A running <c>delegation serve</c>; disposing kills it.</summary>
internal sealed class ServeProcess(ChildProcess process, Uri baseAddress) : IAsyncDisposable
{
    /// <summary>The first address serve printed as bound.</summary>
    public Uri BaseAddress { get; } = baseAddress;

    /// <summary>The first line serve printed (its log included) that <paramref name="matches"/>.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> matches, TimeSpan timeout) => process.WaitForLineAsync(matches, timeout);

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
