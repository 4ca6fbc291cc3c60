using System.Net;
using System.Net.Sockets;

namespace Delegation.Tests.Resilience;

/// <summary>
/// A loopback TCP proxy in front of a real service that can be told to stall: while stalled it swallows what clients
/// send, on new and kept-alive connections alike, so a request gets no answer and no error, just silence.
/// </summary>
internal sealed class StallingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Socket> _sockets = [];
    private readonly Task _accepting;
    private volatile bool _stalled;
    private TaskCompletionSource _swallowed = NewSignal();

    public StallingProxy(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public bool Stalled
    {
        get => _stalled;
        set => _stalled = value;
    }

    /// <summary>Completes when the proxy next swallows what a client sent: a request has reached it and hangs.</summary>
    public Task NextSwallowed => Volatile.Read(ref _swallowed).Task;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }
        }

        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        lock (_sockets)
        {
            _sockets.Add(client);
            _sockets.Add(upstream);
        }

        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stopping.Token);
            await Task.WhenAny(PumpAsync(client, upstream, stallable: true), PumpAsync(upstream, client, stallable: false));
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            client.Dispose();
            upstream.Dispose();
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool stallable)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, _stopping.Token);
                if (read == 0)
                {
                    return;
                }

                if (stallable && _stalled)
                {
                    Interlocked.Exchange(ref _swallowed, NewSignal()).TrySetResult();
                    continue;
                }

                await to.SendAsync(buffer.AsMemory(0, read), _stopping.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }
}
