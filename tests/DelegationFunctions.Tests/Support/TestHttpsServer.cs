using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Delegation.Tests.Support;

/// <summary>
/// Kestrel on a free loopback port, presenting a certificate chosen by SNI, answering "host path" routes that tests
/// register. It records the Host header of each request so tests can check what the tool sent.
/// </summary>
internal sealed class TestHttpsServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SslStreamCertificateContext> _certificates = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, RequestDelegate> _routes = new(StringComparer.OrdinalIgnoreCase);
    private readonly SslStreamCertificateContext _fallbackCertificate = Context(TestCertificates.Issue("unknown.test"));
    private WebApplication? _app;
    private FakeLogCollector? _log;

    public int Port { get; private set; }

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>What Kestrel logged: connections, TLS handshakes (and why one failed), warnings.</summary>
    public string ServerLog => _log is null ? string.Empty : string.Join(Environment.NewLine, _log.GetSnapshot().Select(r => $"{r.Level} {r.Category}: {r.Message} {r.Exception?.GetType().Name} {r.Exception?.Message}"));

    public static async Task<TestHttpsServer> StartAsync()
    {
        var server = new TestHttpsServer();
        var builder = WebApplication.CreateSlimBuilder();
        // Kestrel's own account of each connection (handshake failures are logged at Debug), for a failing test to show.
        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Debug);
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // A hostile server sends raw bytes above 0x7F in its headers; Latin-1 writes each char as that byte.
            kestrel.ResponseHeaderEncodingSelector = _ => System.Text.Encoding.Latin1;
            // Each certificate's TLS context is built once, when a test registers it, not in every handshake; and every
            // handshake is a full one, so nothing carries over between connections, tests or servers.
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = context => ValueTask.FromResult(new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = server.ContextFor(context.ClientHelloInfo.ServerName),
                    AllowTlsResume = false,
                }),
            }));
        });
        server._app = builder.Build();
        server._log = server._app.Services.GetFakeLogCollector();
        server._app.Run(server.HandleAsync);
        await server._app.StartAsync();
        server.Port = new Uri(server._app.Urls.First()).Port;
        return server;
    }

    /// <summary>Presents <paramref name="certificate"/> when the client's SNI is <paramref name="sni"/>.</summary>
    public TestHttpsServer Certificate(string sni, X509Certificate2 certificate)
    {
        _certificates[sni] = Context(certificate);
        return this;
    }

    /// <summary>Presents a valid certificate from the test authority for each name.</summary>
    public TestHttpsServer ValidFor(params string[] names)
    {
        foreach (var name in names)
        {
            Certificate(name, TestCertificates.Issue(name));
        }

        return this;
    }

    public TestHttpsServer Route(string host, string path, RequestDelegate handler)
    {
        _routes[$"{host} {path}"] = handler;
        return this;
    }

    public TestHttpsServer Json(string host, string path, string body, int status = 200, params (string Name, string Value)[] headers) =>
        Route(host, path, async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.WriteAsync(body);
        });

    public TestHttpsServer Homeserver(string host) =>
        Json(host, "/_matrix/federation/v1/version", """{"server":{"name":"Synapse","version":"1.140.0"}}""");

    public TestHttpsServer Redirect(string host, string path, string location, int status = 302, params (string Name, string Value)[] headers) =>
        Route(host, path, context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = location;
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }

            return Task.CompletedTask;
        });

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static SslStreamCertificateContext Context(X509Certificate2 certificate) =>
        SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);

    private SslStreamCertificateContext ContextFor(string? serverName) =>
        !string.IsNullOrEmpty(serverName) && _certificates.TryGetValue(serverName, out var context) ? context : _fallbackCertificate;

    private Task HandleAsync(HttpContext context)
    {
        var host = context.Request.Host.Value ?? string.Empty;
        Requests.Enqueue($"{host} {context.Request.Path}");
        if (_routes.TryGetValue($"{host} {context.Request.Path}", out var handler)
            || _routes.TryGetValue($"{context.Request.Host.Host} {context.Request.Path}", out handler))
        {
            return handler(context);
        }

        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    }
}
