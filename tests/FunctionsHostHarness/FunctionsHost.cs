using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Yarp.ReverseProxy.Forwarder;

namespace FunctionsHostHarness;

/// <summary>
/// Runs a built isolated function app the way the Azure Functions host does, without the host: a gRPC server for the
/// worker protocol, the worker process, and an HTTP front end that routes, invokes and forwards. A test fixture and a
/// local runner, not a product.
/// </summary>
internal sealed class FunctionsHost : IAsyncDisposable
{
    private readonly WebApplication _rpcServer;
    private readonly WebApplication _frontEnd;
    private readonly WorkerChannel _channel;
    private readonly HostFrontEnd _handler;
    private int? _exitCode;

    private FunctionsHost(WebApplication rpcServer, WebApplication frontEnd, WorkerChannel channel, HostFrontEnd handler, WorkerProcess worker, IReadOnlyList<IndexedFunction> functions)
    {
        _rpcServer = rpcServer;
        _frontEnd = frontEnd;
        _channel = channel;
        _handler = handler;
        Worker = worker;
        Functions = functions;
        BaseAddress = ServerAddress(frontEnd);
    }

    /// <summary>Where the host's HTTP front end listens.</summary>
    public Uri BaseAddress { get; }

    public IReadOnlyList<IndexedFunction> Functions { get; }

    public IReadOnlyCollection<WorkerLog> Logs => _channel.Logs;

    public WorkerProcess Worker { get; }

    /// <summary>Starts the worker from <paramref name="appDirectory"/> with <paramref name="settings"/> as app settings, and waits until its functions are loaded.</summary>
    public static async Task<FunctionsHost> StartAsync(string appDirectory, IReadOnlyDictionary<string, string> settings, FunctionsHostOptions? options = null)
    {
        options ??= new FunctionsHostOptions();
        appDirectory = Path.GetFullPath(appDirectory);
        var workerId = Guid.NewGuid().ToString();
        var channel = new WorkerChannel(workerId, appDirectory);
        var rpcServer = BuildRpcServer(channel);
        await rpcServer.StartAsync();

        var worker = WorkerProcess.Start(appDirectory, ServerAddress(rpcServer), workerId, settings);
        var exited = worker.WaitForExitAsync();
        var first = await Task.WhenAny(channel.Loaded, exited, Task.Delay(options.StartTimeout));
        if (first != channel.Loaded || channel.Loaded.IsFaulted)
        {
            var reason = first == exited ? $"exited with {worker.ExitCode}" : channel.Loaded.IsFaulted ? channel.Loaded.Exception!.InnerException!.Message : "did not load its functions in time";
            channel.Terminate(TimeSpan.Zero);
            await worker.DisposeAsync();
            await rpcServer.DisposeAsync();
            throw new InvalidOperationException($"The worker {reason}. Its output:{Environment.NewLine}{worker.Output}");
        }

        var functions = await channel.Loaded;
        var handler = new HostFrontEnd(channel, functions, rpcServer.Services.GetRequiredService<IHttpForwarder>(), options.InvocationTimeout, HostJson.CustomHeaders(appDirectory));
        var frontEnd = BuildFrontEnd(options.Url, handler);
        await frontEnd.StartAsync();
        return new FunctionsHost(rpcServer, frontEnd, channel, handler, worker, functions);
    }

    /// <summary>
    /// Fires a timer-triggered function once, as the host's timer does, with the <c>TimerInfo</c> JSON the host sends.
    /// </summary>
    public async Task<bool> InvokeTimerAsync(string functionName, TimeSpan timeout)
    {
        var function = Functions.Single(f => f.Name == functionName);
        var timerInfo = new Protocol.TypedData { Json = """{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}""" };
        var response = await _channel.InvokeAsync(function, Guid.NewGuid().ToString(), timerInfo).WaitAsync(timeout);
        return response.Result?.Status == Protocol.StatusResult.Types.Status.Success;
    }

    /// <summary>Shuts the worker down as the host does (WorkerTerminate, then the stream ends) and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (_exitCode is { } exitCode)
        {
            return exitCode;
        }

        await _frontEnd.StopAsync();
        _channel.Terminate(TimeSpan.FromSeconds(5));
        await Worker.DisposeAsync();
        await _rpcServer.StopAsync();
        _exitCode = Worker.ExitCode;
        return Worker.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _handler.Dispose();
        await _frontEnd.DisposeAsync();
        await _rpcServer.DisposeAsync();
    }

    private static WebApplication BuildRpcServer(WorkerChannel channel)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = null);
        builder.Services.AddSingleton(channel);
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        app.MapGrpcService<WorkerChannel>();
        return app;
    }

    private static WebApplication BuildFrontEnd(string url, HostFrontEnd handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        app.Run(handler.HandleAsync);
        return app;
    }

    private static Uri ServerAddress(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }
}
