using Azure.Data.Tables;
using Delegation.Table;
using DelegationFunctions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Delegation.Tests.Functions;

public sealed class StorageWarmUpTests
{
    private const string Failed = "Opening the table connection at start-up failed; requests will try again: ";

    private readonly FakeLogger<StorageWarmUp> _logger = new();

    [Fact]
    public async Task StartAsync_ReadStillRunning_ReturnsAndReadsTheReservedKeyOnce()
    {
        var table = new InMemoryDelegationStore { Gate = new TaskCompletionSource() };
        var store = new CountingDelegationStore(table);
        using var warmUp = WarmUp(store);

        await warmUp.StartAsync(TestContext.Current.CancellationToken);
        var startedBeforeRead = !warmUp.Completion.IsCompleted;
        table.Gate.SetResult();
        await warmUp.Completion;

        Assert.True(startedBeforeRead, "StartAsync waited for the table read");
        Assert.Equal([StorageWarmUp.Domain], store.ReadOrder);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task StartAsync_StorageRefusesConnections_LogsOneInformationLine()
    {
        var table = new TableServiceClient(Azurite.UnreachableConnectionString, DelegationTableClientFactory.ForServing(TimeSpan.FromSeconds(5))).GetTableClient("delegations");
        using var warmUp = WarmUp(new TableDelegationStore(table));

        await warmUp.StartAsync(TestContext.Current.CancellationToken);
        await warmUp.Completion;

        var log = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Information, log.Level);
        Assert.StartsWith(Failed + "the table service cannot be reached", log.Message, StringComparison.Ordinal);
        Assert.Null(log.Exception);
    }

    [Fact]
    public async Task StartAsync_ReadThrowsADefect_LogsOneLineWithTheExceptionType()
    {
        var store = new InMemoryDelegationStore { Failing = true, Failure = () => new InvalidOperationException("mapping broke (test)\nsecond line") };
        using var warmUp = WarmUp(store);

        await warmUp.StartAsync(TestContext.Current.CancellationToken);
        await warmUp.Completion;

        var log = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(Failed + "InvalidOperationException: mapping broke (test)", log.Message);
    }

    [Fact]
    public async Task StopAsync_ReadInFlight_CancelsItWithoutLogging()
    {
        var store = new InMemoryDelegationStore { Gate = new TaskCompletionSource() };
        using var warmUp = WarmUp(store);
        await warmUp.StartAsync(TestContext.Current.CancellationToken);

        await warmUp.StopAsync(TestContext.Current.CancellationToken);

        Assert.True(warmUp.Completion.IsCompletedSuccessfully);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    private StorageWarmUp WarmUp(IDelegationStore store) =>
        new(new ServiceCollection().AddSingleton(store).BuildServiceProvider(), _logger);
}
