using System.Net;
using System.Net.Sockets;

namespace Delegation.Tests.Support;

/// <summary>
/// Loopback ports held by this process for the whole test run and never served, so no other server can take them:
/// stand-ins for a service that is down.
/// </summary>
internal static class ReservedPorts
{
    private static readonly Socket Tcp = Bind(SocketType.Stream, ProtocolType.Tcp);
    private static readonly Socket Udp = Bind(SocketType.Dgram, ProtocolType.Udp);

    /// <summary>A TCP port that is bound but never listens: a connection to it is refused at once.</summary>
    public static int RefusingTcp => ((IPEndPoint)Tcp.LocalEndPoint!).Port;

    /// <summary>A UDP endpoint that is bound but never read: a datagram sent there gets no answer.</summary>
    public static IPEndPoint SilentUdp => (IPEndPoint)Udp.LocalEndPoint!;

    private static Socket Bind(SocketType type, ProtocolType protocol)
    {
        var socket = new Socket(AddressFamily.InterNetwork, type, protocol);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }
}
