using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace FunctionsHostHarness;

/// <summary>
/// The isolated worker as the Functions host starts it: <c>dotnet &lt;app&gt;.dll</c> in the app folder, with both
/// spellings of the gRPC arguments (azure-functions-host, <c>RpcWorkerContext.GetFormattedArguments</c>) and the
/// environment the host sets.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private const int MaxMessageLength = int.MaxValue;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private int? _exitCode;

    private WorkerProcess(Process process)
    {
        _process = process;
    }

    public int ExitCode => _exitCode ?? _process.ExitCode;

    /// <summary>Processor time the worker has used so far (all its threads, user and kernel), while it runs.</summary>
    public TimeSpan ProcessorTime => _process.TotalProcessorTime;

    /// <summary>What the worker wrote to stdout and stderr, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static WorkerProcess Start(string appDirectory, Uri rpcUri, string workerId, IReadOnlyDictionary<string, string> settings)
    {
        var assembly = FindWorkerAssembly(appDirectory);
        var requestId = Guid.NewGuid().ToString();
        var length = MaxMessageLength.ToString(CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = appDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList =
            {
                assembly,
                "--host", rpcUri.Host, "--port", rpcUri.Port.ToString(CultureInfo.InvariantCulture),
                "--workerId", workerId, "--requestId", requestId, "--grpcMaxMessageLength", length,
                "--functions-uri", rpcUri.AbsoluteUri, "--functions-worker-id", workerId,
                "--functions-request-id", requestId, "--functions-grpc-max-message-length", length,
            },
        };
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory;
        start.Environment["AzureWebJobsScriptRoot"] = appDirectory;
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        var worker = new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
        worker._process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        worker._process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        return worker;
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Waits for the worker to stop by itself, then kills it, as the host does after the grace period.</summary>
    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _exitCode = _process.ExitCode;
        _process.Dispose();
    }

    // worker.config.json names the assembly the host starts (description.defaultWorkerPath).
    private static string FindWorkerAssembly(string appDirectory)
    {
        var config = Path.Combine(appDirectory, "worker.config.json");
        if (!File.Exists(config))
        {
            throw new FileNotFoundException($"No worker.config.json in {appDirectory}: not a built isolated function app.", config);
        }

        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(config));
        return document.RootElement.GetProperty("description").GetProperty("defaultWorkerPath").GetString()!;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
