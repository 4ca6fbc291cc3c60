using System.Net;
using System.Net.Sockets;

namespace Delegation.Tests.Support;

/// <summary>Asks the OS for a loopback port nobody is listening on.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
