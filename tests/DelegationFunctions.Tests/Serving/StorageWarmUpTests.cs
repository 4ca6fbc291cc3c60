using Azure.Data.Tables;
using Delegation.Serving;
using Delegation.Table;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Delegation.Tests.Serving;

public sealed class StorageWarmUpTests
{
    private static readonly string Failed = $"Reading table 'delegations' at http://127.0.0.1:{ReservedPorts.RefusingTcp}/devstoreaccount1 at start-up failed: ";

    private readonly FakeLogger<StorageWarmUp> _logger = new();

    [Fact]
    public async Task StartingAsync_ReadStillRunning_ReturnsAndReadsTheReservedKeyOnce()
    {
        var table = new InMemoryDelegationStore { Gate = new TaskCompletionSource() };
        var store = new CountingDelegationStore(table);
        using var warmUp = WarmUp(store);

        await warmUp.StartingAsync(TestContext.Current.CancellationToken);
        var startedBeforeRead = !warmUp.Completion.IsCompleted;
        table.Gate.SetResult();
        await warmUp.Completion;

        Assert.True(startedBeforeRead, "StartingAsync waited for the table read");
        Assert.Equal([StorageWarmUp.Domain], store.ReadOrder);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task StartAsync_HostWithAServiceRegisteredEarlier_ReadsBeforeThatServiceHasStarted()
    {
        var store = new CountingDelegationStore(new InMemoryDelegationStore());
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<IDelegationStore>(store);
        // Stands for the worker's gRPC connection and HTTP server: the host starts them before the warm-up's StartAsync.
        builder.Services.AddHostedService(_ => new WaitingHostedService(() => store.FirstRead));
        builder.Services.AddHostedService<StorageWarmUp>();
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal([StorageWarmUp.Domain], store.ReadOrder);
    }

    [Fact]
    public async Task StartingAsync_StorageRefusesConnections_LogsOneWarningNamingTheEndpoint()
    {
        var table = new TableServiceClient(Azurite.UnreachableConnectionString, DelegationTableClientFactory.ForServing(TimeSpan.FromSeconds(5))).GetTableClient("delegations");
        using var warmUp = WarmUp(new TableDelegationStore(table));

        await warmUp.StartingAsync(TestContext.Current.CancellationToken);
        await warmUp.Completion;

        var log = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, log.Level);
        Assert.StartsWith(Failed + "the table service cannot be reached", log.Message, StringComparison.Ordinal);
        Assert.EndsWith("Serving anyway: each request reads again, and answers as in a storage outage while this lasts", log.Message, StringComparison.Ordinal);
        Assert.Null(log.Exception);
    }

    [Fact]
    public async Task StartingAsync_ReadThrowsADefect_LogsOneLineWithTheExceptionType()
    {
        var store = new InMemoryDelegationStore { Failing = true, Failure = () => new InvalidOperationException("mapping broke (test)\nsecond line") };
        using var warmUp = WarmUp(store);

        await warmUp.StartingAsync(TestContext.Current.CancellationToken);
        await warmUp.Completion;

        var log = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.StartsWith(Failed + "InvalidOperationException: mapping broke (test).", log.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_ReadInFlight_CancelsItWithoutLogging()
    {
        var store = new InMemoryDelegationStore { Gate = new TaskCompletionSource() };
        using var warmUp = WarmUp(store);
        await warmUp.StartingAsync(TestContext.Current.CancellationToken);

        await warmUp.StopAsync(TestContext.Current.CancellationToken);

        Assert.True(warmUp.Completion.IsCompletedSuccessfully);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    // The settings name the endpoint the warning shows; the store given is what is read.
    private StorageWarmUp WarmUp(IDelegationStore store)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [DelegationStorageOptions.ConnectionStringKey] = Azurite.UnreachableConnectionString })
            .Build();
        return new(new ServiceCollection().AddSingleton(store).AddSingleton<IConfiguration>(configuration).AddDelegationStorage().BuildServiceProvider(), _logger);
    }
}
