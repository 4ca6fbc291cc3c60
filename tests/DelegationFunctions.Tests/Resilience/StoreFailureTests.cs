using System.Diagnostics.Metrics;
using System.Net.Sockets;
using Azure;
using Azure.Identity;
using Delegation.Serving;
using Delegation.Table;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Delegation.Tests.Resilience;

/// <summary>
/// A failing load answers every waiting request as an outage (stale-if-error, else 503), and the log tells a storage
/// or network failure ("storage failed") from a defect in our own code (its own error).
/// </summary>
public sealed class StoreFailureTests : IDisposable
{
    private const string StorageFailed = "Reading the delegation row for example.com failed: ";
    private const string Defect = "Resolving example.com failed with an unexpected error";

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly InMemoryDelegationStore _store = new();
    private readonly FakeTimeProvider _time = new();
    private readonly FakeLogger<DelegationResolver> _logger = new();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task ResolveAsync_StoreThrowsItsOwnTimeout_AllConcurrentCallersGetUnavailable()
    {
        var release = new TaskCompletionSource();
        var store = new CountingDelegationStore(new InMemoryDelegationStore { Gate = release, Failing = true, Failure = () => new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout of 0:00:05.") });
        using var resolver = new DelegationResolver(store, Options.Create(new ServingOptions()), TimeProvider.System, NullLogger<DelegationResolver>.Instance, Metrics());
        var callers = Enumerable.Range(0, 5).Select(_ => resolver.ResolveAsync("down.example.com").AsTask()).ToArray();

        release.SetResult();
        var results = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.All(results, result => Assert.Equal(ResolutionStatus.Unavailable, result.Status));
        Assert.Equal(1, store.Reads);
    }

    [Fact]
    public async Task ResolveAsync_StoreThrowsADefect_AllConcurrentCallersGetUnavailable()
    {
        var release = new TaskCompletionSource();
        var store = new CountingDelegationStore(new InMemoryDelegationStore { Gate = release, Failing = true, Failure = () => new InvalidOperationException("a bug (test)") });
        using var resolver = new DelegationResolver(store, Options.Create(new ServingOptions()), TimeProvider.System, _logger, Metrics());
        var callers = Enumerable.Range(0, 5).Select(_ => resolver.ResolveAsync("example.com").AsTask()).ToArray();

        release.SetResult();
        var results = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.All(results, result => Assert.Equal(ResolutionStatus.Unavailable, result.Status));
        Assert.Equal(1, store.Reads);
        Assert.Single(_logger.Collector.GetSnapshot(), e => e.Message.StartsWith(Defect, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(nameof(RequestFailedException))]
    [InlineData(nameof(TaskCanceledException))]
    [InlineData(nameof(TimeoutException))]
    [InlineData(nameof(HttpRequestException))]
    [InlineData(nameof(SocketException))]
    [InlineData(nameof(IOException))]
    [InlineData(nameof(AuthenticationFailedException))]
    [InlineData(nameof(CredentialUnavailableException))]
    public async Task ResolveAsync_StorageOrNetworkFailure_IsUnavailableAndLoggedAsStorageFailed(string exception)
    {
        _store.Failure = () => StorageException(exception);
        _store.Failing = true;
        using var resolver = CreateResolver();

        var result = await resolver.ResolveAsync("example.com", TestContext.Current.CancellationToken);

        Assert.Equal(ResolutionStatus.Unavailable, result.Status);
        Assert.Single(_logger.Collector.GetSnapshot(), e => e.Level == LogLevel.Error && e.Message.StartsWith(StorageFailed, StringComparison.Ordinal));
        Assert.DoesNotContain(_logger.Collector.GetSnapshot(), e => e.Message.StartsWith(Defect, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(nameof(InvalidOperationException))]
    [InlineData(nameof(KeyNotFoundException))]
    [InlineData(nameof(FormatException))]
    public async Task ResolveAsync_DefectWithNothingCached_IsUnavailableAndLoggedAsADefectNotAsStorage(string exception)
    {
        _store.Failure = () => DefectException(exception);
        _store.Failing = true;
        using var resolver = CreateResolver();

        var result = await resolver.ResolveAsync("example.com", TestContext.Current.CancellationToken);

        Assert.Equal(ResolutionStatus.Unavailable, result.Status);
        Assert.Single(_logger.Collector.GetSnapshot(), e => e.Level == LogLevel.Error && e.Message.StartsWith(Defect, StringComparison.Ordinal));
        Assert.DoesNotContain(_logger.Collector.GetSnapshot(), e => e.Message.StartsWith(StorageFailed, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResolveAsync_DefectAfterCaching_ServesTheStaleAnswerAndLogsTheDefect()
    {
        _store.Put(new DelegationRow("example.com") { Server = "matrix.example.com:443" });
        using var resolver = CreateResolver();
        var fresh = await resolver.ResolveAsync("example.com", TestContext.Current.CancellationToken);
        _store.Failure = () => new InvalidOperationException("a bug (test)");
        _store.Failing = true;
        _time.Advance(TimeSpan.FromSeconds(61));

        var stale = await resolver.ResolveAsync("example.com", TestContext.Current.CancellationToken);

        Assert.Equal(ResolutionStatus.Found, stale.Status);
        Assert.Same(fresh.Documents, stale.Documents);
        Assert.Contains(_logger.Collector.GetSnapshot(), e => e.Message.StartsWith(Defect, StringComparison.Ordinal));
        Assert.Contains(_logger.Collector.GetSnapshot(), e => e.Message.StartsWith("Serving the cached answer for example.com", StringComparison.Ordinal));
        Assert.DoesNotContain(_logger.Collector.GetSnapshot(), e => e.Message.StartsWith(StorageFailed, StringComparison.Ordinal));
    }

    private static Exception StorageException(string name) => name switch
    {
        nameof(RequestFailedException) => new RequestFailedException(503, "Server busy (test)"),
        nameof(TaskCanceledException) => new TaskCanceledException("The SDK's network timeout (test)"),
        nameof(TimeoutException) => new TimeoutException("test"),
        nameof(HttpRequestException) => new HttpRequestException("Connection refused (test)"),
        nameof(SocketException) => new SocketException((int)SocketError.ConnectionRefused),
        nameof(IOException) => new IOException("Connection reset (test)", new SocketException((int)SocketError.ConnectionReset)),
        nameof(AuthenticationFailedException) => new AuthenticationFailedException("Token request failed (test)"),
        _ => new CredentialUnavailableException("No managed identity (test)"),
    };

    private static Exception DefectException(string name) => name switch
    {
        nameof(InvalidOperationException) => new InvalidOperationException("a bug (test)"),
        nameof(KeyNotFoundException) => new KeyNotFoundException("a bug (test)"),
        _ => new FormatException("a bug (test)"),
    };

    private DelegationMetrics Metrics() => new(_services.GetRequiredService<IMeterFactory>());

    private DelegationResolver CreateResolver() =>
        new(_store, Options.Create(new ServingOptions { CacheSeconds = 60, StaleIfErrorSeconds = 3600 }), _time, _logger, Metrics());
}
