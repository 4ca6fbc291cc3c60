using System.Net;
using System.Net.Sockets;

namespace Delegation.Checks;

/// <summary>
/// Which addresses the check engine may connect to when a customer named them (in a document, a redirect, DNS or an
/// IP literal in m.server). The refused ranges are Synapse's default <c>ip_range_blacklist</c>
/// (element-hq/synapse, synapse/config/server.py, <c>DEFAULT_IP_RANGE_BLOCKLIST</c>), plus 0.0.0.0/8, 240.0.0.0/4 and
/// <c>::</c>, which Synapse blocks as well or which no server can be reached at. As in Synapse's
/// <c>generate_ip_set</c>, an IPv4 range also covers its IPv4-mapped, IPv4-compatible and 6to4 IPv6 forms.
/// </summary>
internal static class AddressPolicy
{
    private static readonly (IPNetwork Network, string Kind)[] RefusedRanges =
    [
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private address"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private address"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private address"),
        (IPNetwork.Parse("100.64.0.0/10"), "a carrier-grade NAT (shared) address"),
        (IPNetwork.Parse("192.0.0.0/24"), "an IETF protocol assignment address"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local address"),
        (IPNetwork.Parse("192.88.99.0/24"), "a former 6to4 relay address"),
        (IPNetwork.Parse("198.18.0.0/15"), "a benchmarking address"),
        (IPNetwork.Parse("192.0.2.0/24"), "a documentation address"),
        (IPNetwork.Parse("198.51.100.0/24"), "a documentation address"),
        (IPNetwork.Parse("203.0.113.0/24"), "a documentation address"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast address"),
        (IPNetwork.Parse("0.0.0.0/8"), "a 'this network' address"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved address"),
        (IPNetwork.Parse("::/128"), "the unspecified address"),
        (IPNetwork.Parse("::1/128"), "a loopback address"),
        (IPNetwork.Parse("fe80::/10"), "a link-local address"),
        (IPNetwork.Parse("fc00::/7"), "a unique local (private) address"),
        (IPNetwork.Parse("2001:db8::/32"), "a documentation address"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address"),
        (IPNetwork.Parse("fec0::/10"), "a site-local address"),
    ];

    private static readonly IPNetwork Compatible = IPNetwork.Parse("::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>Null when the engine may connect to <paramref name="address"/>; else why not, as "127.0.0.1 is a loopback address".</summary>
    public static string? Refusal(IPAddress address)
    {
        foreach (var candidate in WithEmbeddedIpv4(address))
        {
            foreach (var (network, kind) in RefusedRanges)
            {
                if (network.BaseAddress.AddressFamily == candidate.AddressFamily && network.Contains(candidate))
                {
                    return $"{address} is {kind}";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Keeps the allowed addresses of a connection about to be made and records the refused ones; throws (as a failed
    /// connection) with the first reason when none is left.
    /// </summary>
    public static void Enforce(ConnectionInfo info)
    {
        var refusals = info.Addresses.Select(e => Refusal(e.Address)).ToList();
        info.RefusedAddresses = refusals.OfType<string>().ToList();
        info.Addresses = info.Addresses.Where((_, i) => refusals[i] is null).ToList();
        if (info.Addresses.Count == 0)
        {
            info.Refused = true;
            info.Failure = $"refused: {info.RefusedAddresses[0]}";
            info.RefusedAddresses = info.RefusedAddresses.Skip(1).ToList();
            throw new HttpRequestException(info.Failure);
        }
    }

    /// <summary>The address itself and the IPv4 address an IPv6 address carries, if it carries one.</summary>
    private static IEnumerable<IPAddress> WithEmbeddedIpv4(IPAddress address)
    {
        yield return address;
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            yield break;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            yield return address.MapToIPv4();
            yield break;
        }

        var bytes = address.GetAddressBytes();
        if (Compatible.Contains(address) && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.IPv6Loopback))
        {
            yield return new IPAddress(bytes.AsSpan(12, 4));
        }
        else if (SixToFour.Contains(address))
        {
            yield return new IPAddress(bytes.AsSpan(2, 4));
        }
    }
}
