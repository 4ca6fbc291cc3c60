using System.Net;
using Yarp.ReverseProxy.Forwarder;

namespace FunctionsHostHarness;

/// <summary>
/// The host's HTTP side: routes a request to the function whose trigger matches, sends the invocation over the
/// protocol and forwards the request itself to the worker's <c>HttpUri</c> with YARP's <see cref="HttpTransformer.Default"/>
/// plus the invocation-id header the worker correlates on, as azure-functions-host's <c>DefaultHttpProxyService</c> does.
/// Before routing, as the host's <c>CustomHttpHeadersMiddleware</c> does, it adds host.json's custom headers to every
/// response that lacks them: the worker's answers, and the host's own 404 for a path no function's route matches.
/// </summary>
internal sealed class HostFrontEnd(
    WorkerChannel channel,
    IReadOnlyList<IndexedFunction> functions,
    IHttpForwarder forwarder,
    TimeSpan invocationTimeout,
    IReadOnlyDictionary<string, string> customHeaders) : IDisposable
{
    /// <summary>ScriptConstants.HttpProxyCorrelationHeader in the host; Constants.CorrelationHeader in the worker.</summary>
    public const string InvocationIdHeader = "x-ms-invocation-id";

    private readonly HttpMessageInvoker _invoker = new(new RetryProxyHandler(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
    }));

    private readonly ForwarderRequestConfig _config = new() { ActivityTimeout = invocationTimeout };

    public async Task HandleAsync(HttpContext context)
    {
        if (customHeaders.Count > 0)
        {
            context.Response.OnStarting(() =>
            {
                foreach (var (name, value) in customHeaders)
                {
                    context.Response.Headers.TryAdd(name, value);
                }

                return Task.CompletedTask;
            });
        }

        var function = functions.FirstOrDefault(f => f.Matches(context.Request.Method, context.Request.Path));
        if (function is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var invocationId = Guid.NewGuid().ToString();
        context.Request.Headers[InvocationIdHeader] = invocationId;
        var invocation = channel.InvokeAsync(function, invocationId, new Protocol.TypedData { Http = new Protocol.RpcHttp() });
        await forwarder.SendAsync(context, channel.HttpUri!.ToString(), _invoker, _config, HttpTransformer.Default);

        try
        {
            var response = await invocation.WaitAsync(invocationTimeout);
            if (response.Result?.Status != Protocol.StatusResult.Types.Status.Success && !context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
        }
        catch (TimeoutException)
        {
            channel.Cancel(invocationId);
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
            }
        }
    }

    public void Dispose() => _invoker.Dispose();
}
