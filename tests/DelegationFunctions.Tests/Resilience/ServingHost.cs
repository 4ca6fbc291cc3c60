using Delegation.Serving;
using Delegation.Table;
using Delegation.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Delegation.Tests.Resilience;

/// <summary>
/// The serving pipeline of <c>delegation serve</c> on a loopback port, with settings and, where a test needs one, a
/// store wrapper or a time provider of its own.
/// </summary>
internal sealed class ServingHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServingHost(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
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
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(address.ToString());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            [DelegationStorageOptions.ConnectionStringKey] = connectionString,
            [DelegationStorageOptions.TableKey] = table,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddDelegationServing();
        if (wrapStore is not null)
        {
            builder.Services.AddSingleton(sp =>
            {
                var storage = DelegationTableClientFactory.ReadOptions(sp.GetRequiredService<IConfiguration>());
                var client = DelegationTableClientFactory.Create(storage, DelegationTableClientFactory.ForServing(TimeSpan.FromSeconds(5)));
                return wrapStore(new TableDelegationStore(client));
            });
        }

        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        var app = builder.Build();
        var handler = app.Services.GetRequiredService<WellKnownHandler>();
        app.Run(context => WellKnownPaths.TryMatch(context.Request.Path, out var document)
            ? handler.HandleAsync(context, document)
            : WellKnownHandler.WriteUnknownPathAsync(context));
        await app.StartAsync();
        return new ServingHost(app, address);
    }

    public async Task<HttpResponseMessage> GetServerAsync(string host, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, WellKnownPaths.Server);
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
