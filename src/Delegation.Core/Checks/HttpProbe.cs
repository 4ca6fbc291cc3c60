using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Delegation.Checks;

/// <summary>
/// One HttpClient per check run. Its connect callback does what a homeserver does: connects to the SRV target (or a
/// <c>--resolve</c> pin), sends SNI for the right name and validates the certificate against it, recording all of it.
/// Redirects are not followed here (<see cref="WellKnownFetcher"/> does that) and bodies are capped.
/// </summary>
internal sealed class HttpProbe : IDisposable
{
    private static readonly HttpRequestOptionsKey<(ProbeTarget Target, ConnectionInfo Info)> ProbeKey = new("delegation.check.probe");
    private readonly HttpClient _client;
    private readonly AddressResolver _addresses;
    private readonly CertificateValidator _validator;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _timeout;
    private readonly bool _allowPrivateAddresses;

    public HttpProbe(CheckSettings settings, AddressResolver addresses, CertificateValidator validator, TimeProvider timeProvider)
    {
        _addresses = addresses;
        _validator = validator;
        _timeProvider = timeProvider;
        _timeout = settings.Timeout;
        _allowPrivateAddresses = settings.AllowPrivateAddresses;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.Zero,
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("delegation-check", "1.0"));
    }

    public TimeSpan Timeout => _timeout;

    /// <summary>One GET; <paramref name="deadline"/> lets a chain of redirects share one request timeout.</summary>
    public async Task<ProbeResponse> GetAsync(ProbeTarget target, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default)
    {
        var info = new ConnectionInfo();
        var left = deadline is { } end ? end - _timeProvider.GetUtcNow() : _timeout;
        if (left <= TimeSpan.Zero)
        {
            // Earlier hops of the chain used up the timeout: no connection is even tried.
            return Failed(target, info, TimedOut("could not connect to", target));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // The budget is read from the injected clock, but the timer that enforces it runs on real time: the sockets are
        // real, and a test's fake clock that never moves must not leave one waiting forever.
        timeout.CancelAfter(left < _timeout ? left : _timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, target.TransportUrl);
        request.Headers.Host = target.HostHeader;
        request.Headers.ConnectionClose = true;
        request.Options.Set(ProbeKey, (target, info));
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var headers = response.Headers.Concat(response.Content.Headers)
                .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => string.Join(", ", g.SelectMany(h => h.Value)), StringComparer.OrdinalIgnoreCase);
            var (body, tooLarge) = await ReadCappedAsync(response.Content, timeout.Token);
            var error = tooLarge ? $"the body is larger than {CheckSettings.MaxBodyBytes / 1024} KiB, which homeservers refuse" : null;
            return new ProbeResponse(target, info, (int)response.StatusCode, headers, body, error);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var stage = info.ConnectedTo is null ? "could not connect to" : "no answer from";
            return Failed(target, info, info.Failure ?? TimedOut(stage, target));
        }
        catch (HttpRequestException ex)
        {
            return Failed(target, info, info.Failure ?? $"the request failed: {Innermost(ex)}");
        }
        catch (IOException ex)
        {
            return Failed(target, info, $"the connection broke: {Innermost(ex)}");
        }
    }

    public void Dispose() => _client.Dispose();

    private static ProbeResponse Failed(ProbeTarget target, ConnectionInfo info, string error) =>
        new(target, info, null, new Dictionary<string, string>(), [], error);

    private string TimedOut(string stage, ProbeTarget target) => $"{stage} {target.ConnectTo} within {_timeout.TotalSeconds:0.#} s (the request timeout)";

    private static string Innermost(Exception ex) => ex.InnerException is { } inner ? Innermost(inner) : ex.Message;

    private static async Task<(byte[] Body, bool TooLarge)> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[CheckSettings.MaxBodyBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return total > CheckSettings.MaxBodyBytes ? ([], true) : (buffer[..total], false);
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        if (!context.InitialRequestMessage.Options.TryGetValue(ProbeKey, out var probe))
        {
            throw new InvalidOperationException("A request without a probe target reached the check's HttpClient.");
        }

        var (target, info) = probe;
        info.Via = target.Via is { } via ? $"fetched via {via} (Host: {target.HostHeader})" : null;
        var (endPoints, source, error) = await _addresses.ResolveAsync(target.ConnectHost, target.Port, cancellationToken);
        info.AddressSource = source;
        info.Addresses = endPoints;
        if (error is not null)
        {
            info.Failure = error;
            throw new HttpRequestException(error);
        }

        // After DNS and just before connecting, so no redirect or record can lead around it; the operator's pins and
        // --via origin are exempt.
        if (source != AddressResolver.PinSource && target.Via is null && !_allowPrivateAddresses)
        {
            AddressPolicy.Enforce(info);
        }

        var socket = await ConnectSocketAsync(target, info, cancellationToken);
        var stream = new NetworkStream(socket, ownsSocket: true);
        return target.Tls ? await AuthenticateAsync(stream, target, info, cancellationToken) : stream;
    }

    private static async Task<Socket> ConnectSocketAsync(ProbeTarget target, ConnectionInfo info, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var endPoint in info.Addresses)
        {
            var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(endPoint, cancellationToken);
                info.ConnectedTo = endPoint;
                return socket;
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                failures.Add($"{endPoint}: {ex.Message}");
            }
        }

        info.Failure = $"cannot connect to {target.ConnectTo} ({string.Join("; ", failures)})";
        throw new HttpRequestException(info.Failure);
    }

    private async Task<Stream> AuthenticateAsync(NetworkStream stream, ProbeTarget target, ConnectionInfo info, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = target.TlsName,
            ApplicationProtocols = [SslApplicationProtocol.Http11],

            // Always a full handshake: a resumed session presents no certificate, so the check would validate one it
            // saw on an earlier connection, perhaps to another server under the same name.
            AllowTlsResume = false,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                if (certificate is null)
                {
                    info.Failure = "TLS: the server sent no certificate";
                    return false;
                }

                var leaf = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
                var problem = _validator.Validate(leaf, chain, errors, target.TlsName);
                info.Certificate = CertificateInfo.From(leaf, problem);
                info.Failure = problem is null ? null : $"TLS: {problem}";
                return problem is null;
            },
        };
        try
        {
            await ssl.AuthenticateAsClientAsync(options, cancellationToken);
            return ssl;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            await ssl.DisposeAsync();
            info.Failure ??= $"TLS handshake with {target.ConnectTo} (SNI {target.TlsName}) failed: {Innermost(ex)}";
            throw new HttpRequestException(info.Failure, ex);
        }
    }
}
