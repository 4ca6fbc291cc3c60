namespace Delegation.Tests.Support;

/// <summary>A running <c>delegation serve</c>; disposing kills it.</summary>
internal sealed class ServeProcess(ChildProcess process, Uri baseAddress) : IAsyncDisposable
{
    /// <summary>The first address serve printed as bound.</summary>
    public Uri BaseAddress { get; } = baseAddress;

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
