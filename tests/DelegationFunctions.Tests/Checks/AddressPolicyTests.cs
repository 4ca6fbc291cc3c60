using System.Net;
using Delegation.Checks;

namespace Delegation.Tests.Checks;

public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", "a loopback address")]
    [InlineData("127.255.255.254", "a loopback address")]
    [InlineData("10.1.2.3", "a private address")]
    [InlineData("172.16.0.1", "a private address")]
    [InlineData("172.31.255.255", "a private address")]
    [InlineData("192.168.1.1", "a private address")]
    [InlineData("100.64.0.1", "a carrier-grade NAT (shared) address")]
    [InlineData("100.127.255.255", "a carrier-grade NAT (shared) address")]
    [InlineData("192.0.0.8", "an IETF protocol assignment address")]
    [InlineData("169.254.169.254", "a link-local address")]
    [InlineData("192.88.99.1", "a former 6to4 relay address")]
    [InlineData("198.18.0.1", "a benchmarking address")]
    [InlineData("198.19.255.255", "a benchmarking address")]
    [InlineData("192.0.2.1", "a documentation address")]
    [InlineData("198.51.100.7", "a documentation address")]
    [InlineData("203.0.113.9", "a documentation address")]
    [InlineData("224.0.0.1", "a multicast address")]
    [InlineData("239.255.255.250", "a multicast address")]
    [InlineData("0.0.0.0", "a 'this network' address")]
    [InlineData("240.0.0.1", "a reserved address")]
    [InlineData("255.255.255.255", "a reserved address")]
    [InlineData("::", "the unspecified address")]
    [InlineData("::1", "a loopback address")]
    [InlineData("fe80::1", "a link-local address")]
    [InlineData("fc00::1", "a unique local (private) address")]
    [InlineData("fd12:3456::1", "a unique local (private) address")]
    [InlineData("2001:db8::1", "a documentation address")]
    [InlineData("ff02::1", "a multicast address")]
    [InlineData("fec0::1", "a site-local address")]
    [InlineData("::ffff:127.0.0.1", "a loopback address")]
    [InlineData("::ffff:10.0.0.1", "a private address")]
    [InlineData("::ffff:169.254.169.254", "a link-local address")]
    [InlineData("::127.0.0.1", "a loopback address")]
    [InlineData("2002:7f00:1::", "a loopback address")]
    [InlineData("2002:c0a8:101::1", "a private address")]
    public void Refusal_RefusedRange_NamesAddressAndKind(string address, string kind)
    {
        var refusal = AddressPolicy.Refusal(IPAddress.Parse(address));

        Assert.Equal($"{IPAddress.Parse(address)} is {kind}", refusal);
    }

    [Theory]
    [InlineData("1.1.1.1")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.0")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("198.17.255.255")]
    [InlineData("223.255.255.255")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2002:808:808::1")]
    [InlineData("fe00::1")]
    public void Refusal_PublicAddress_IsNull(string address)
    {
        Assert.Null(AddressPolicy.Refusal(IPAddress.Parse(address)));
    }
}
