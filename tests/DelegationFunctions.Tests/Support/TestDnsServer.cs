using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Delegation.Tests.Support;

/// <summary>
/// A tiny authoritative DNS responder on a loopback UDP port: answers SRV, A and AAAA questions from a table,
/// NXDOMAIN for names it does not know. A test fake, not a resolver.
/// </summary>
internal sealed class TestDnsServer : IDisposable
{
    private const ushort TypeA = 1;
    private const ushort TypeAaaa = 28;
    private const ushort TypeSrv = 33;
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly Dictionary<(string Name, ushort Type), List<byte[]>> _records = [];
    private readonly CancellationTokenSource _stop = new();

    public TestDnsServer() => _ = ServeAsync();

    public IPEndPoint EndPoint => (IPEndPoint)_udp.Client.LocalEndPoint!;

    public List<string> Questions { get; } = [];

    public TestDnsServer Srv(string name, string target, int port, int priority = 10, int weight = 5)
    {
        var data = new byte[6];
        BinaryPrimitives.WriteUInt16BigEndian(data, (ushort)priority);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(2), (ushort)weight);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(4), (ushort)port);
        return Add(name, TypeSrv, [.. data, .. EncodeName(target)]);
    }

    public TestDnsServer A(string name, IPAddress address) =>
        Add(name, address.AddressFamily == AddressFamily.InterNetwork ? TypeA : TypeAaaa, address.GetAddressBytes());

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        _stop.Dispose();
    }

    private TestDnsServer Add(string name, ushort type, byte[] data)
    {
        lock (_records)
        {
            var key = (name.ToLowerInvariant(), type);
            if (!_records.TryGetValue(key, out var list))
            {
                _records[key] = list = [];
            }

            list.Add(data);
        }

        return this;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _udp.ReceiveAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var answer = Answer(received.Buffer);
            if (answer is not null)
            {
                await _udp.SendAsync(answer, received.RemoteEndPoint);
            }
        }
    }

    private byte[]? Answer(byte[] query)
    {
        if (query.Length < 12)
        {
            return null;
        }

        var offset = 12;
        var labels = new List<string>();
        while (offset < query.Length && query[offset] != 0)
        {
            labels.Add(Encoding.ASCII.GetString(query, offset + 1, query[offset]));
            offset += query[offset] + 1;
        }

        var questionEnd = offset + 5;
        if (questionEnd > query.Length)
        {
            return null;
        }

        var name = string.Join('.', labels).ToLowerInvariant();
        var type = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(offset + 1));
        List<byte[]> answers;
        bool known;
        lock (_records)
        {
            Questions.Add($"{name} {type}");
            answers = _records.TryGetValue((name, type), out var found) ? [.. found] : [];
            known = _records.Keys.Any(k => k.Name == name);
        }

        using var response = new MemoryStream();
        response.Write(query.AsSpan(0, 2));
        response.Write([0x81, (byte)(0x80 | (known ? 0 : 3))]);
        response.Write([0, 1, 0, (byte)answers.Count, 0, 0, 0, 0]);
        response.Write(query.AsSpan(12, questionEnd - 12));
        foreach (var data in answers)
        {
            response.Write([0xC0, 12, (byte)(type >> 8), (byte)type, 0, 1, 0, 0, 0, 60, (byte)(data.Length >> 8), (byte)data.Length]);
            response.Write(data);
        }

        return response.ToArray();
    }

    private static byte[] EncodeName(string name)
    {
        var bytes = new List<byte>();
        foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }

        bytes.Add(0);
        return [.. bytes];
    }
}
