using System.Net.Sockets;
using System.Text;

namespace Delegation.Tests.Support;

/// <summary>Sends hand-written HTTP/1.1 bytes, for requests HttpClient refuses to make (odd Host headers).</summary>
internal static class RawHttp
{
    public static async Task<RawResponse> SendAsync(Uri server, byte[] request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(request);
        using var reader = new MemoryStream();
        await stream.CopyToAsync(reader).WaitAsync(TimeSpan.FromSeconds(30));
        var text = Encoding.UTF8.GetString(reader.ToArray());
        var statusLine = text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
        return new RawResponse(int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), text);
    }

    public static Task<RawResponse> GetAsync(Uri server, string hostHeaderValue, string path = "/.well-known/matrix/server") =>
        SendAsync(server, Encoding.UTF8.GetBytes($"GET {path} HTTP/1.1\r\nHost: {hostHeaderValue}\r\nConnection: close\r\n\r\n"));
}

/// <summary>Status and the raw text of a response.</summary>
internal sealed record RawResponse(int Status, string Text);
