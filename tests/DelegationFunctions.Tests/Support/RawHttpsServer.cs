using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Delegation.Tests.Support;

/// <summary>
/// A TLS server on a free loopback port that answers each request with whatever bytes a test hands it: broken status
/// lines, raw bytes in headers, huge headers, answers cut short. Kestrel refuses to send most of these. A second port
/// plays a server whose TLS handshake is cut off.
/// </summary>
internal sealed class RawHttpsServer : IAsyncDisposable
{
    private const int MaxRequestHead = 16 * 1024;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly TcpListener _truncatedTls = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate;
    private readonly Func<string, string, byte[]> _reply;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private int _connections;

    /// <param name="certificate">Presented to every client, whatever its SNI.</param>
    /// <param name="reply">The bytes to send for a request's Host header and path; the connection closes after them.</param>
    public RawHttpsServer(X509Certificate2 certificate, Func<string, string, byte[]> reply)
    {
        _certificate = certificate;
        _reply = reply;
        _listener.Start();
        _truncatedTls.Start();
        _loops.Add(AcceptAsync(_listener, ServeAsync));
        _loops.Add(AcceptAsync(_truncatedTls, CutHandshakeAsync));
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>A port whose server answers a TLS ClientHello with half a ServerHello record, then hangs up.</summary>
    public int TruncatedTlsPort => ((IPEndPoint)_truncatedTls.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _truncatedTls.Stop();
        await Task.WhenAll(_loops);
        _stop.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, Func<TcpClient, Task> serve)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        await serve(client);
                    }
                    catch (Exception ex) when (ex is IOException or SocketException or System.Security.Authentication.AuthenticationException or OperationCanceledException or ObjectDisposedException)
                    {
                        // The client gave up first: a hostile answer often makes it.
                    }
                }
            });
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await using var tls = new SslStream(client.GetStream());
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, timeout.Token);
        var head = await ReadHeadAsync(tls, timeout.Token);
        var lines = head.Split("\r\n");
        var path = lines[0].Split(' ') is [_, var target, ..] ? target : "/";
        var host = lines.Skip(1).Select(l => l.Split(':', 2)).FirstOrDefault(p => p.Length == 2 && p[0].Equals("Host", StringComparison.OrdinalIgnoreCase))?[1].Trim() ?? string.Empty;
        await tls.WriteAsync(_reply(host, path), timeout.Token);
        await tls.FlushAsync(timeout.Token);
    }

    private async Task CutHandshakeAsync(TcpClient client)
    {
        var stream = client.GetStream();
        var hello = new byte[512];
        _ = await stream.ReadAsync(hello, _stop.Token);
        // A handshake record header announcing 80 bytes, followed by 3 of them.
        await stream.WriteAsync(new byte[] { 0x16, 0x03, 0x03, 0x00, 0x50, 0x02, 0x00, 0x00 }, _stop.Token);
    }

    private static async Task<string> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestHead];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
            {
                break;
            }
        }

        return Encoding.Latin1.GetString(buffer, 0, length);
    }
}
