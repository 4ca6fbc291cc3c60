using System.Security.Cryptography.X509Certificates;
using Delegation.Cli.Serve;
using Delegation.Serving;
using Delegation.Table;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Delegation.Tests.Support;

/// <summary>
/// <c>delegation serve</c> in this process, on a port of the loopback address that the system picks: the app the
/// command runs, with the given storage, settings (<c>Delegation:*</c>, <c>FrontDoorId</c>, the secondary endpoint
/// under <see cref="DelegationStorageOptions.SecondaryConnectionStringKey"/>), and where a test needs one a TLS
/// certificate, a store wrapper, a time provider or a table transport (<see cref="FaultTransport"/>) of its own. For the real tool as a child process, see
/// <see cref="DelegationProcess.StartServeAsync"/>.
/// </summary>
internal sealed class ServingHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServingHost(WebApplication app)
    {
        _app = app;
        BaseAddress = new Uri(app.Urls.First());
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Log = app.Services.GetFakeLogCollector();
    }

    /// <summary>The bound address: <c>http://127.0.0.1:port</c>, or <c>https://</c> with a certificate.</summary>
    public Uri BaseAddress { get; }

    /// <summary><see cref="BaseAddress"/> without the trailing slash, as <c>check --via</c> takes and prints it.</summary>
    public string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>A plain client on <see cref="BaseAddress"/>; it does not trust the test authority.</summary>
    public HttpClient Client { get; }

    /// <summary>What the app logged, at the levels <c>delegation serve</c> keeps.</summary>
    public FakeLogCollector Log { get; }

    public DelegationResolver Resolver => _app.Services.GetRequiredService<DelegationResolver>();

    public static Task<ServingHost> StartAsync(
        string connectionString,
        string table,
        IReadOnlyDictionary<string, string?>? settings = null,
        Func<IDelegationStore, IDelegationStore>? wrapStore = null,
        TimeProvider? time = null,
        X509Certificate2? certificate = null,
        FaultTransport? transport = null) =>
        StartAsync(new DelegationStorageOptions { ConnectionString = connectionString, TableName = table }, settings, wrapStore, time, certificate, transport);

    public static async Task<ServingHost> StartAsync(
        DelegationStorageOptions storage,
        IReadOnlyDictionary<string, string?>? settings = null,
        Func<IDelegationStore, IDelegationStore>? wrapStore = null,
        TimeProvider? time = null,
        X509Certificate2? certificate = null,
        FaultTransport? transport = null)
    {
        var builder = ServeCommand.CreateBuilder(certificate is null ? "http://127.0.0.1:0" : "https://127.0.0.1:0", storage, settings, certificate);
        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();
        transport?.UseIn(builder.Services);
        if (wrapStore is not null)
        {
            var client = DelegationTableClientFactory.Create(storage, storage.TableName, DelegationTableClientFactory.ForServing(TimeSpan.FromSeconds(5)), () => throw new InvalidOperationException("A wrapped store is made for a connection string only."));
            builder.Services.Replace(ServiceDescriptor.Singleton(wrapStore(new TableDelegationStore(client))));
        }

        if (time is not null)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton(time));
        }

        var app = ServeCommand.Build(builder);
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new ServingHost(app);
    }

    /// <summary>Serve with storage that refuses every connection (<see cref="Azurite.UnreachableConnectionString"/>).</summary>
    public static Task<ServingHost> StartWithUnreachableStorageAsync(IReadOnlyDictionary<string, string?> settings) =>
        StartAsync(new DelegationStorageOptions { ConnectionString = Azurite.UnreachableConnectionString }, settings);

    public async Task<HttpResponseMessage> GetServerAsync(string host, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + WellKnownRoutes.Server);
        request.Headers.Host = host;
        return await Client.SendAsync(request, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
