using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Delegation.Tests.Checks;

/// <summary>
/// Generates what a hostile customer's servers answer: each reply is a function of the seed, the Host and the path
/// only, so a run gives the same answers whatever order the engine asks in.
/// </summary>
internal sealed class HostileReplies(int seed, int trapPort)
{
    /// <summary>Names pinned to the raw server (443 and 8448), so hostile URLs can lead somewhere real.</summary>
    public static readonly string[] Hosts = ["h0.fuzz.test", "h1.fuzz.test", "h2.fuzz.test"];

    /// <summary>A name pinned to the server whose TLS handshake is cut off.</summary>
    public const string CutHost = "cut.fuzz.test";

    private static readonly string[] Statuses = ["200 OK", "301 Moved", "302 Found", "307 Temporary", "308 Permanent", "404 Not Found", "500 Oops", "999 What", "2000 Huge", "OK 200", ""];

    public byte[] Reply(string host, string path)
    {
        var random = new Random(HashCode(host + " " + path) ^ seed);
        var status = Statuses[random.Next(Statuses.Length)];
        var head = new StringBuilder(random.Next(6) == 0 ? $"{Text(random)}\r\n" : $"HTTP/1.1 {status}\r\n");
        var headers = random.Next(6);
        for (var i = 0; i < headers; i++)
        {
            head.Append(random.Next(7) switch
            {
                0 => $"Location: {Url(random)}\r\n",
                1 => $"Content-Type: {Text(random)}\r\n",
                2 => $"Cache-Control: max-age={Text(random)}\r\n",
                3 => $"X-Huge: {new string('h', random.Next(60_000, 120_000))}\r\n",
                4 => $"Expires: {Text(random)}\r\n",
                5 => $"Access-Control-Allow-Origin: {Text(random)}\r\n",
                _ => $"{Text(random)}: {Text(random)}\r\n",
            });
        }

        if (status.StartsWith('3') && random.Next(2) == 0)
        {
            head.Append(CultureInfo.InvariantCulture, $"Location: {Url(random)}\r\n");
        }

        var body = Body(random, path);
        var declared = random.Next(5) == 0 ? body.Length + random.Next(1, 500) : body.Length;
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {declared}\r\nConnection: close\r\n\r\n");
        // Characters above U+00FF go out as '?', as any byte-oriented server would send them.
        byte[] reply = [.. Encoding.Latin1.GetBytes(head.ToString()), .. body];
        return random.Next(8) == 0 ? reply[..random.Next(reply.Length)] : reply;
    }

    private byte[] Body(Random random, string path)
    {
        string Json(object value) => random.Next(4) == 0 ? $"{{\"raw\":\"{Text(random)}\"" : JsonSerializer.Serialize(value);
        var text = random.Next(6) switch
        {
            0 => Encoding.Latin1.GetString(Bytes(random, random.Next(200))),
            _ when path.EndsWith("/server", StringComparison.Ordinal) => Json(new Dictionary<string, object> { ["m.server"] = ServerName(random) }),
            _ when path.EndsWith("/client", StringComparison.Ordinal) => Json(new Dictionary<string, object>
            {
                ["m.homeserver"] = new Dictionary<string, string> { ["base_url"] = Url(random) },
                ["m.identity_server"] = new Dictionary<string, string> { ["base_url"] = Url(random) },
            }),
            _ when path.EndsWith("/support", StringComparison.Ordinal) => Json(new Dictionary<string, object>
            {
                ["contacts"] = new[] { new Dictionary<string, string> { ["role"] = Text(random), ["matrix_id"] = "@" + Text(random), ["email_address"] = Text(random) } },
                ["support_page"] = Url(random),
            }),
            _ when path.Contains("/versions", StringComparison.Ordinal) => Json(new Dictionary<string, object> { ["versions"] = new[] { Text(random), Text(random) } }),
            _ => Json(new Dictionary<string, object> { ["server"] = new Dictionary<string, string> { ["name"] = Text(random), ["version"] = Text(random) } }),
        };
        return Encoding.UTF8.GetBytes(text);
    }

    private string ServerName(Random random) => random.Next(5) switch
    {
        0 => $"{Hosts[random.Next(Hosts.Length)]}:8448",
        1 => $"127.0.0.1:{trapPort}",
        2 => $"[::ffff:127.0.0.1]:{trapPort}",
        3 => $"{CutHost}:8448",
        _ => Text(random),
    };

    private string Url(Random random)
    {
        var scheme = random.Next(8) switch { 0 => "http", 1 => "ftp", 2 => "javascript", 3 => Text(random), _ => "https" };
        var host = random.Next(9) switch
        {
            0 or 1 or 2 => Hosts[random.Next(Hosts.Length)],
            3 => CutHost,
            4 => "127.0.0.1",
            5 => "[::1]",
            6 => "a\u200d.crash.test",
            7 => "\u00ad.crash.test",
            _ => Text(random),
        };
        var port = random.Next(6) switch { 0 => ":8448", 1 => $":{trapPort}", 2 => ":99999", 3 => ":", _ => string.Empty };
        var path = random.Next(3) == 0 ? "/" + Text(random) : "/.well-known/matrix/server";
        return random.Next(10) switch
        {
            0 => path,
            1 => "//" + host + path,
            2 => Text(random),
            _ => $"{scheme}://{host}{port}{path}",
        };
    }

    /// <summary>Random bytes, Unicode (lone surrogates, joiners, bidi controls) and control characters, now and then very long.</summary>
    private static string Text(Random random)
    {
        var length = random.Next(12) == 0 ? random.Next(1_000, 70_000) : random.Next(0, 40);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(random.Next(6) switch
            {
                0 => (char)random.Next(0x00, 0x20),
                1 => (char)random.Next(0x7F, 0x100),
                2 => "\u200d\u00ad\u202e\u2028\ufeff\ud800\udfff\u0000\u001b"[random.Next(9)],
                3 => (char)random.Next(0x100, 0xFFFF),
                _ => (char)random.Next('!', '~'),
            });
        }

        return text.ToString();
    }

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static int HashCode(string text)
    {
        // FNV-1a: string.GetHashCode differs from run to run.
        var hash = 2166136261;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)hash;
    }
}
