using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Delegation.Tests.Resilience;

/// <summary>Thousands of malformed requests over real loopback TCP to <c>delegation serve</c>: no 500, no crash, no leak.</summary>
/// <remarks>
/// The leak check reads the whole managed heap, because the in-process server allocates on pool threads it shares with
/// every other test and nothing counts the bytes one component holds. So the test runs alone rather than measuring
/// only the server: with other tests running, their allocations would count against it.
/// </remarks>
[Collection(nameof(ProcessWideMeasurements))]
public sealed class MalformedRequestTests
{
    private const int Requests = 3_000;
    private const long AllowedGrowthBytes = 16 * 1024 * 1024;

    /// <summary>Stands for "no answer within 20 s"; 0 stands for "closed without an answer".</summary>
    private const int Timeout = -1;

    [Fact]
    public async Task Serve_ThousandsOfMalformedRequests_NoServerErrorNoHangMemoryReturns()
    {
        var azurite = await Azurite.Shared;
        var table = await azurite.CreateTableAsync();
        await Seed.RowsAsync(table, "known.example.com");
        await using var host = await ServingHost.StartAsync(azurite.ConnectionString, table.Name);
        var port = host.BaseAddress.Port;
        await SendAllAsync(port, new Random(90), 300);
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var statuses = await SendAllAsync(port, new Random(9), Requests);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        using var known = await host.GetServerAsync("known.example.com", TestContext.Current.CancellationToken);

        Assert.Equal(Requests, statuses.Count);
        // 505 is Kestrel refusing a request line whose version bytes were flipped; 503 is the outage answer.
        Assert.DoesNotContain(statuses, status => status is >= 500 and not (503 or 505));
        Assert.DoesNotContain(statuses, status => status == Timeout);
        Assert.True(statuses.Count(status => status is >= 200 and < 500) > Requests / 4, "most requests should get an HTTP answer");
        Assert.True(after - before < AllowedGrowthBytes, $"managed heap grew by {after - before} bytes over {Requests} requests");
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
    }

    private static async Task<List<int>> SendAllAsync(int port, Random random, int count)
    {
        // One seed per request, so requests are made on the fly (not all held at once) and the run is reproducible.
        var seeds = Enumerable.Range(0, count).Select(_ => random.Next()).ToArray();
        var statuses = new int[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            statuses[i] = await SendAsync(port, MalformedRequests.Create(new Random(seeds[i]))));
        return [.. statuses];
    }

    private static async Task<int> SendAsync(int port, byte[] request)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port, hang.Token);
            await socket.SendAsync(request, SocketFlags.None, hang.Token);
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The server may refuse the rest of a huge request and close early; what it answered still counts.
        }

        var buffer = new byte[64 * 1024];
        var received = 0;
        try
        {
            int read;
            while (received < buffer.Length && (read = await socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None, hang.Token)) > 0)
            {
                received += read;
            }
        }
        catch (OperationCanceledException)
        {
            return Timeout;
        }
        catch (SocketException)
        {
        }

        var head = Encoding.Latin1.GetString(buffer, 0, Math.Min(received, 32));
        return head.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && head.Length >= 12 && int.TryParse(head.AsSpan(9, 3), out var status) ? status : 0;
    }
}
