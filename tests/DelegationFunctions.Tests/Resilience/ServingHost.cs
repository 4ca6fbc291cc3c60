using Delegation.Cli.Serve;
using Delegation.Serving;
using Delegation.Table;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Delegation.Tests.Resilience;

/// <summary>
/// The serving pipeline of <c>delegation serve</c> on a loopback port, with settings and, where a test needs one, a
/// store wrapper or a time provider of its own.
/// </summary>
internal sealed class ServingHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServingHost(WebApplication app)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public DelegationResolver Resolver => _app.Services.GetRequiredService<DelegationResolver>();

    public static async Task<ServingHost> StartAsync(
        string connectionString,
        string table,
        IReadOnlyDictionary<string, string?> settings,
        Func<IDelegationStore, IDelegationStore>? wrapStore = null,
        TimeProvider? time = null)
    {
        var storage = new DelegationStorageOptions { ConnectionString = connectionString, TableName = table };
        var builder = ServeCommand.CreateBuilder("http://127.0.0.1:0", storage, settings);
        builder.Logging.ClearProviders();
        if (wrapStore is not null)
        {
            var client = new Azure.Data.Tables.TableServiceClient(connectionString, DelegationTableClientFactory.ForServing(TimeSpan.FromSeconds(5))).GetTableClient(table);
            builder.Services.Replace(ServiceDescriptor.Singleton(wrapStore(new TableDelegationStore(client))));
        }

        if (time is not null)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton(time));
        }

        var app = ServeCommand.Build(builder);
        await app.StartAsync();
        return new ServingHost(app);
    }

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
