using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Delegation.Tests.Infra;

/// <summary>How the bash stand-in on PATH reaches this object: NUL-separated arguments in, exit code and text out.</summary>
internal sealed partial class FakeAzureCli
{
    /// <summary>The bash stand-in for <c>az</c>: appends its command line to <paramref name="callsLog"/>, then asks this object.</summary>
    public string StandIn(string callsLog) => $$"""
        #!/usr/bin/env bash
        printf '%s\n' "az ${*//$'\n'/ }" >> '{{callsLog}}'
        exec 3<> /dev/tcp/127.0.0.1/{{((IPEndPoint)_listener.LocalEndpoint).Port}} || exit 97
        printf '%s\0' "$#" "$@" >&3
        IFS= read -r -u 3 status || exit 98
        if [[ "$status" == 0 ]]; then cat <&3; else cat <&3 >&2; fi
        exit "$status"
        """;

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client, cancellationToken);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var count = int.Parse(await ReadWordAsync(stream, cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                var arguments = new List<string>(count);
                for (var i = 0; i < count; i++)
                {
                    arguments.Add(await ReadWordAsync(stream, cancellationToken));
                }

                var (exitCode, text) = Answer(new AzCall(arguments));
                var answer = $"{exitCode}\n{text}{(text.Length > 0 ? "\n" : "")}";
                await stream.WriteAsync(Encoding.UTF8.GetBytes(answer), cancellationToken);
                client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or FormatException)
            {
                // The stand-in was killed mid-call; its caller sees that as a failed az.
            }
        }
    }

    private static async Task<string> ReadWordAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one, cancellationToken) == 1 && one[0] != 0)
        {
            bytes.Add(one[0]);
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }
}
