namespace Delegation.Names;

/// <summary>What the host part of a server name is.</summary>
public enum ServerHostKind
{
    DnsName,
    IPv4,
    IPv6,
}
