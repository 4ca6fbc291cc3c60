using System.Net;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Delegation.Tests.Cli;

/// <summary>
/// A loopback HTTP proxy in front of Azurite that disturbs the requests to one table from outside the tool: it can let
/// someone else's edit land just before the first write goes on, drop the connection of every write past a number, as
/// when storage goes away, or hold every write or query past a number unanswered until the tool gives up on it, so a
/// signal reaches the tool mid-run. Everything else is forwarded as it is.
/// </summary>
internal sealed class TableWriteProxy : IAsyncDisposable
{
    private static readonly HashSet<string> WriteMethods = new(StringComparer.OrdinalIgnoreCase) { "POST", "PUT", "MERGE", "PATCH", "DELETE" };

    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
    });

    private readonly Uri _tableEndpoint;
    private readonly string _tablePath;
    private readonly Func<CancellationToken, Task>? _beforeFirstWrite;
    private readonly int _writesBeforeFailure;
    private readonly int _writesBeforeStall;
    private readonly int _queriesBeforeStall;
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly WebApplication _app;
    private int _writes;
    private int _queries;

    private TableWriteProxy(string connectionString, string table, Func<CancellationToken, Task>? beforeFirstWrite, int writesBeforeFailure, int writesBeforeStall, int queriesBeforeStall)
    {
        _tableEndpoint = new TableServiceClient(connectionString).Uri;
        _tablePath = $"{_tableEndpoint.AbsolutePath.TrimEnd('/')}/{table}";
        _beforeFirstWrite = beforeFirstWrite;
        _writesBeforeFailure = writesBeforeFailure;
        _writesBeforeStall = writesBeforeStall;
        _queriesBeforeStall = queriesBeforeStall;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddHttpForwarder();
        _app = builder.Build();
        var forwarder = _app.Services.GetRequiredService<IHttpForwarder>();
        _app.Run(context => HandleAsync(context, forwarder));
    }

    /// <summary>The development account's connection string with its table endpoint on the proxy's port.</summary>
    public string ConnectionString => Azurite.ConnectionStringFor(new Uri(_app.Urls.First()).Port);

    /// <summary>Completes when the proxy first holds a request: the tool is waiting on it.</summary>
    public Task Stalled => _stalled.Task;

    /// <summary>
    /// Starts a proxy on a free loopback port for <paramref name="table"/> behind the table endpoint of
    /// <paramref name="connectionString"/>. <paramref name="beforeFirstWrite"/> runs once, just before the first write
    /// is forwarded; the writes after the first <paramref name="writesBeforeFailure"/> lose their connection (the SDK's
    /// retries too, so the tool sees storage that cannot be reached). The writes after the first
    /// <paramref name="writesBeforeStall"/>, and the queries (pages of rows) after the first
    /// <paramref name="queriesBeforeStall"/>, are held without an answer until the tool cancels them.
    /// </summary>
    public static async Task<TableWriteProxy> StartAsync(
        string connectionString,
        string table,
        Func<CancellationToken, Task>? beforeFirstWrite = null,
        int writesBeforeFailure = int.MaxValue,
        int writesBeforeStall = int.MaxValue,
        int queriesBeforeStall = int.MaxValue)
    {
        var proxy = new TableWriteProxy(connectionString, table, beforeFirstWrite, writesBeforeFailure, writesBeforeStall, queriesBeforeStall);
        await proxy._app.StartAsync();
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _invoker.Dispose();
    }

    private async Task HandleAsync(HttpContext context, IHttpForwarder forwarder)
    {
        if (IsTableWrite(context.Request))
        {
            var write = Interlocked.Increment(ref _writes);
            if (write > _writesBeforeFailure)
            {
                context.Abort();
                return;
            }

            if (write > _writesBeforeStall)
            {
                await HoldAsync(context);
                return;
            }

            if (write == 1 && _beforeFirstWrite is not null)
            {
                await _beforeFirstWrite(context.RequestAborted);
            }
        }

        else if (IsTableQuery(context.Request) && Interlocked.Increment(ref _queries) > _queriesBeforeStall)
        {
            await HoldAsync(context);
            return;
        }

        await forwarder.SendAsync(context, _tableEndpoint.GetLeftPart(UriPartial.Authority), _invoker);
    }

    private async Task HoldAsync(HttpContext context)
    {
        _stalled.TrySetResult();
        await Task.Delay(Timeout.Infinite, context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    // A scan is GET <table>(); a point read names its keys: GET <table>(PartitionKey='..',RowKey='').
    private bool IsTableQuery(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Path.Value == _tablePath + "()";

    private bool IsTableWrite(HttpRequest request)
    {
        var path = request.Path.Value ?? string.Empty;
        return WriteMethods.Contains(request.Method)
            && (path == _tablePath || path.StartsWith(_tablePath + "(", StringComparison.Ordinal));
    }
}
