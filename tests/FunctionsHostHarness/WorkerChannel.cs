using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using FunctionsHostHarness.Protocol;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace FunctionsHostHarness;

/// <summary>
/// The host's side of <c>FunctionRpc.EventStream</c> for one worker, in the order the Functions host uses:
/// StartStream → WorkerInitRequest/Response → FunctionsMetadataRequest/FunctionMetadataResponse →
/// FunctionLoadRequest/Response per function → InvocationRequest/Response per HTTP request → WorkerTerminate.
/// </summary>
internal sealed class WorkerChannel(string workerId, string appDirectory) : FunctionRpc.FunctionRpcBase
{
    /// <summary>The capability the ASP.NET Core integration reports with the address of its own Kestrel.</summary>
    public const string HttpUriCapability = "HttpUri";

    // The host ships every log on; the harness keeps the latest for tests and drops the rest under load.
    private const int MaxKeptLogs = 10_000;

    private readonly Channel<StreamingMessage> _outbound = Channel.CreateUnbounded<StreamingMessage>(new() { SingleReader = true });
    private readonly TaskCompletionSource<IReadOnlyList<IndexedFunction>> _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InvocationResponse>> _invocations = new();
    private readonly ConcurrentQueue<WorkerLog> _logs = new();
    private readonly string _routePrefix = HostJson.RoutePrefix(appDirectory);
    private List<IndexedFunction> _functions = [];
    private int _pendingLoads;

    /// <summary>The worker's own HTTP address, from its init response.</summary>
    public Uri? HttpUri { get; private set; }

    /// <summary>Completes once every indexed function is loaded; faults when the worker reports a failure.</summary>
    public Task<IReadOnlyList<IndexedFunction>> Loaded => _loaded.Task;

    public IReadOnlyCollection<WorkerLog> Logs => _logs;

    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        var writer = PumpOutboundAsync(responseStream, context.CancellationToken);
        try
        {
            await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken))
            {
                Receive(message);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            _outbound.Writer.TryComplete();
            _loaded.TrySetException(new InvalidOperationException("The worker closed the stream before its functions were loaded."));
            foreach (var pending in _invocations.Values)
            {
                pending.TrySetException(new InvalidOperationException("The worker closed the stream during the invocation."));
            }

            await writer;
        }
    }

    /// <summary>
    /// Sends an invocation with <paramref name="triggerData"/> bound to the trigger. For an HTTP trigger that is an empty
    /// <see cref="RpcHttp"/>, and the HTTP request itself goes to <see cref="HttpUri"/>.
    /// </summary>
    public Task<InvocationResponse> InvokeAsync(IndexedFunction function, string invocationId, TypedData triggerData)
    {
        var pending = new TaskCompletionSource<InvocationResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _invocations[invocationId] = pending;
        var request = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = function.FunctionId,
            TraceContext = new RpcTraceContext { TraceParent = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-00" },
        };
        request.InputData.Add(new ParameterBinding { Name = function.TriggerBindingName, Data = triggerData });
        Send(new StreamingMessage { InvocationRequest = request });
        return pending.Task;
    }

    /// <summary>Asks the worker to give up an invocation (the host does so when its timeout passes).</summary>
    public void Cancel(string invocationId)
    {
        Send(new StreamingMessage { InvocationCancel = new InvocationCancel { InvocationId = invocationId, GracePeriod = Duration.FromTimeSpan(TimeSpan.Zero) } });
        _invocations.TryRemove(invocationId, out _);
    }

    /// <summary>Tells the worker to stop, then ends the stream, as the host does when it shuts a worker down.</summary>
    public void Terminate(TimeSpan gracePeriod)
    {
        Send(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(gracePeriod) } });
        _outbound.Writer.TryComplete();
    }

    private void Receive(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.StartStream:
                if (message.StartStream.WorkerId != workerId)
                {
                    _loaded.TrySetException(new InvalidOperationException($"StartStream came from worker '{message.StartStream.WorkerId}', not '{workerId}'."));
                    return;
                }

                Send(new StreamingMessage { WorkerInitRequest = InitRequest() });
                break;
            case StreamingMessage.ContentOneofCase.WorkerInitResponse:
                OnInitialized(message.WorkerInitResponse);
                break;
            case StreamingMessage.ContentOneofCase.FunctionMetadataResponse:
                OnIndexed(message.FunctionMetadataResponse);
                break;
            case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                OnLoaded(message.FunctionLoadResponse);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                if (_invocations.TryRemove(message.InvocationResponse.InvocationId, out var pending))
                {
                    pending.TrySetResult(message.InvocationResponse);
                }

                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                var log = message.RpcLog;
                _logs.Enqueue(new WorkerLog(log.Level.ToString(), log.Category, log.Message, log.InvocationId));
                while (_logs.Count > MaxKeptLogs && _logs.TryDequeue(out _))
                {
                }

                break;
        }
    }

    private WorkerInitRequest InitRequest()
    {
        var request = new WorkerInitRequest { HostVersion = "4.0.0-harness", WorkerDirectory = appDirectory, FunctionAppDirectory = appDirectory };
        // Capabilities the Functions host announces that change how the worker answers (GrpcCapabilities).
        request.Capabilities["RpcHttpBodyOnly"] = "true";
        request.Capabilities["RawHttpBodyBytes"] = "true";
        request.Capabilities["HandlesWorkerTerminateMessage"] = "true";
        request.Capabilities["HandlesInvocationCancelMessage"] = "true";
        return request;
    }

    private void OnInitialized(WorkerInitResponse response)
    {
        if (response.Result?.Status != StatusResult.Types.Status.Success)
        {
            _loaded.TrySetException(new InvalidOperationException($"The worker failed to initialise: {response.Result?.Exception?.Message}"));
            return;
        }

        if (!response.Capabilities.TryGetValue(HttpUriCapability, out var httpUri))
        {
            _loaded.TrySetException(new InvalidOperationException("The worker did not report the HttpUri capability (ASP.NET Core integration missing)."));
            return;
        }

        HttpUri = new Uri(httpUri);
        Send(new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory } });
    }

    private void OnIndexed(FunctionMetadataResponse response)
    {
        if (response.Result?.Status != StatusResult.Types.Status.Success || response.UseDefaultMetadataIndexing)
        {
            _loaded.TrySetException(new InvalidOperationException($"The worker did not index its functions: {response.Result?.Exception?.Message}"));
            return;
        }

        _functions = response.FunctionMetadataResults.Select(m => IndexedFunction.FromMetadata(m, _routePrefix)).ToList();
        _pendingLoads = _functions.Count;
        foreach (var function in _functions)
        {
            Send(new StreamingMessage { FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function.Metadata } });
        }
    }

    private void OnLoaded(FunctionLoadResponse response)
    {
        if (response.Result?.Status != StatusResult.Types.Status.Success)
        {
            _loaded.TrySetException(new InvalidOperationException($"Loading function {response.FunctionId} failed: {response.Result?.Exception?.Message}"));
            return;
        }

        if (Interlocked.Decrement(ref _pendingLoads) == 0)
        {
            _loaded.TrySetResult(_functions);
        }
    }

    private void Send(StreamingMessage message) => _outbound.Writer.TryWrite(message);

    private async Task PumpOutboundAsync(IServerStreamWriter<StreamingMessage> responseStream, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _outbound.Reader.ReadAllAsync(cancellationToken))
            {
                await responseStream.WriteAsync(message, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
