using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Delegation.Tests.Infra;

/// <summary>
/// One long-lived <c>bicep jsonrpc --stdio</c> process: JSON-RPC 2.0 framed with Content-Length headers, requests
/// answered concurrently by the compiler. One warm compiler saves the start, the JIT and the resource-type load that
/// every <c>bicep build</c> pays again (see Azure/bicep src/Bicep.Cli/Rpc/CliJsonRpcServer.cs for the methods).
/// </summary>
internal sealed class BicepServer : IAsyncDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly Stream _requests;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly StringBuilder _error = new();
    private readonly Task _reader;
    private int _nextId;
    private volatile string? _ended;

    private BicepServer(Process process)
    {
        _process = process;
        _requests = process.StandardInput.BaseStream;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_error)
            {
                _error.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
        _reader = Task.Run(ReadRepliesAsync);
    }

    public static BicepServer Start()
    {
        var start = new ProcessStartInfo(Bicep.Executable)
        {
            ArgumentList = { "jsonrpc", "--stdio" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        return new BicepServer(Process.Start(start)!);
    }

    /// <summary>Calls <paramref name="method"/>; throws <see cref="BicepRpcException"/> when bicep answers with an error.</summary>
    public async Task<JsonElement> CallAsync(string method, JsonObject parameters, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        if (_ended is { } ended)
        {
            _pending.TryRemove(id, out _);
            throw new InvalidOperationException(ended);
        }

        var body = Encoding.UTF8.GetBytes(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters }.ToJsonString());
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n\r\n"));
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _requests.WriteAsync(header, cancellationToken);
            await _requests.WriteAsync(body, cancellationToken);
            await _requests.FlushAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }

        try
        {
            return await reply.Task.WaitAsync(CallTimeout, cancellationToken);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Closes bicep's input, which ends it; kills it if it does not end.</summary>
    public async ValueTask DisposeAsync()
    {
        _requests.Close();
        await Task.WhenAny(_process.WaitForExitAsync(), Task.Delay(ExitGrace));
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await Task.WhenAny(_reader, Task.Delay(ExitGrace));
        _process.Dispose();
        _writeLock.Dispose();
    }

    private async Task ReadRepliesAsync()
    {
        var replies = new BufferedStream(_process.StandardOutput.BaseStream);
        try
        {
            while (await ReadContentLengthAsync(replies) is { } length)
            {
                var body = new byte[length];
                await replies.ReadExactlyAsync(body);
                Complete(JsonDocument.Parse(body).RootElement);
            }

            await _process.WaitForExitAsync();
            End($"bicep jsonrpc ended with exit code {_process.ExitCode}");
        }
        catch (Exception ex) when (ex is IOException or JsonException or InvalidOperationException)
        {
            End($"bicep jsonrpc could not be read ({ex.Message})");
        }
    }

    private void Complete(JsonElement message)
    {
        if (!message.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.Number || !_pending.TryGetValue(id.GetInt32(), out var reply))
        {
            return;
        }

        if (message.TryGetProperty("error", out var error))
        {
            reply.TrySetException(new BicepRpcException(error.GetProperty("message").GetString() ?? error.ToString()));
        }
        else
        {
            reply.TrySetResult(message.GetProperty("result").Clone());
        }
    }

    private void End(string how)
    {
        lock (_error)
        {
            _ended = $"{how}; it printed: {_error}";
        }

        foreach (var reply in _pending.Values)
        {
            reply.TrySetException(new InvalidOperationException(_ended));
        }
    }

    /// <summary>Reads one header block; null at the end of the stream.</summary>
    private static async Task<int?> ReadContentLengthAsync(Stream replies)
    {
        int? length = null;
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            if (await replies.ReadAsync(one) == 0)
            {
                return null;
            }

            if (one[0] != '\n')
            {
                line.Append((char)one[0]);
                continue;
            }

            var text = line.ToString().TrimEnd('\r');
            line.Clear();
            if (text.Length == 0 && length is not null)
            {
                return length;
            }

            if (text.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(text["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }
    }
}
