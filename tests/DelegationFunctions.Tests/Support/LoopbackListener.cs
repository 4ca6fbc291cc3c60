using System.Net;
using System.Net.Sockets;

namespace Delegation.Tests.Support;

/// <summary>
/// A loopback port that accepts and counts every connection and never says a word. Holding each connection open
/// makes a homeserver that hangs after TCP, so every TLS handshake waits out its whole timeout; closing each at once
/// makes a trap, a place a customer must never make the engine reach, that costs the caller nothing to count.
/// </summary>
internal sealed class LoopbackListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _held = [];
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _holdOpen;
    private int _connections;

    public LoopbackListener(bool holdOpen)
    {
        _holdOpen = holdOpen;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Completes when the first connection is accepted.</summary>
    public Task Connected => _connected.Task;

    public int Connections => Volatile.Read(ref _connections);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_held)
        {
            _held.ForEach(client => client.Dispose());
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                if (_holdOpen)
                {
                    lock (_held)
                    {
                        _held.Add(client);
                    }
                }
                else
                {
                    client.Dispose();
                }

                _connected.TrySetResult();
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }
}
