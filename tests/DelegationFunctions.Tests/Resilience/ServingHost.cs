using Delegation.Cli.Serve;
using Delegation.Serving;
using Delegation.Table;
using Delegation.Tests.Infrastructure;
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
        var app = ServeCommand.Build(address.ToString(), new DelegationStorageOptions { ConnectionString = connectionString, TableName = table }, settings, configureServices: services =>
        {
            services.AddLogging(logging => logging.ClearProviders());
            if (wrapStore is not null)
            {
                // Wrap the store exactly as AddDelegationServing builds it.
                var real = services.Single(d => d.ServiceType == typeof(IDelegationStore));
                services.Replace(ServiceDescriptor.Singleton(sp => wrapStore((IDelegationStore)real.ImplementationFactory!(sp))));
            }

            if (time is not null)
            {
                services.AddSingleton(time);
            }
        });
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
