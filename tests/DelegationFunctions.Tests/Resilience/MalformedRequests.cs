using System.Text;

namespace Delegation.Tests.Resilience;

/// <summary>Raw HTTP/1.1 requests that HttpClient would refuse to send: garbage hosts, huge headers, odd methods and paths.</summary>
internal static class MalformedRequests
{
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "get", "G\u00c9T", "X"];

    private static readonly string[] Paths =
    [
        "/.well-known/matrix/server", "/.well-known/matrix/client", "/.well-known/matrix/support", "/.well-known/matrix/server/",
        "/.WELL-KNOWN/MATRIX/SERVER", "/.well-known/matrix/%73erver", "/.well-known/matrix/server?x=%ff&y", "//.well-known//matrix/server",
        "/.well-known/matrix/server/../client", "/.well-known/matrix/%2e%2e/client", "*", "/%00", "/%", "/.well-known/matrix/", "/",
        "http://evil.example/.well-known/matrix/server", "/.well-known/matrix/server#frag",
    ];

    private static readonly string[] Hosts =
    [
        "", " ", "%41.example.com", "known.example.com.", "KNOWN.EXAMPLE.COM:443", "known.example.com:99999", "known.example.com:abc",
        "known.example.com:", "b\u00fccher.example", "\u4f8b\u3048.jp", "xn--.com", "xn--zz.example", "a..b", "-a.com", ".", "..",
        "1.2.3.4", "[::1]", "[::1", "999.1.1.1", "*.example.com", "known.example.com, other.example", "a b.com", "\u0000.com",
    ];

    public static byte[] Create(Random random)
    {
        var method = Methods[random.Next(Methods.Length)];
        var path = random.Next(8) == 0 ? "/" + RandomText(random, random.Next(1, 3000)) : Paths[random.Next(Paths.Length)];
        var builder = new StringBuilder();
        builder.Append(method).Append(' ').Append(path).Append(" HTTP/1.1\r\n");
        switch (random.Next(6))
        {
            case 0:
                builder.Append("Host: ").Append(RandomText(random, random.Next(0, 300))).Append("\r\n");
                break;
            case 1:
                builder.Append("Host: known.example.com\r\nX-Big: ").Append('a', random.Next(8_000, 200_000)).Append("\r\n");
                break;
            case 2:
                builder.Append("Host: ").Append('a', random.Next(250, 5_000)).Append(".example.com\r\n");
                break;
            case 3:
                builder.Append("Host: known.example.com\r\nHost: other.example.com\r\n");
                break;
            case 4:
                builder.Append("X-No-Host: 1\r\n");
                break;
            default:
                builder.Append("Host: ").Append(Hosts[random.Next(Hosts.Length)]).Append("\r\n");
                break;
        }

        if (random.Next(4) == 0)
        {
            builder.Append("If-None-Match: ").Append(RandomText(random, random.Next(0, 100))).Append("\r\nX-Azure-FDID: ").Append(RandomText(random, 10)).Append("\r\nX-Forwarded-Host: ").Append(RandomText(random, 50)).Append("\r\n");
        }

        builder.Append("Connection: close\r\n\r\n");
        var bytes = Encoding.Latin1.GetBytes(builder.ToString());
        if (random.Next(10) == 0)
        {
            // Flip a few bytes anywhere, request line included.
            for (var i = random.Next(1, 8); i > 0; i--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
        }

        return bytes;
    }

    private static string RandomText(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = random.Next(3) switch
            {
                0 => (char)random.Next(0x21, 0x7f),
                1 => "abcdefghijklmnopqrstuvwxyz.-:%"[random.Next(30)],
                _ => (char)random.Next(0x00, 0x100),
            };
        }

        return new string(chars);
    }
}
