using System.Net;

namespace Delegation.Checks;

/// <summary>Host and port to endpoints: IP literals as they are, <c>--resolve</c> pins first, else A/AAAA.</summary>
internal sealed class AddressResolver(IReadOnlyList<ResolvePin> pins, DnsLookup dns)
{
    public const string PinSource = "--resolve";

    /// <summary><paramref name="host"/>:<paramref name="port"/> as endpoints; Source is <see cref="PinSource"/> when the operator pinned them.</summary>
    public async Task<(IReadOnlyList<IPEndPoint> EndPoints, string Source, string? Error)> ResolveAsync(string host, int port, CancellationToken cancellationToken = default)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            var pinnedLiteral = pins.FirstOrDefault(p => p.Port == port && IPAddress.TryParse(p.Host.Trim('[', ']'), out var a) && a.Equals(literal));
            return ([pinnedLiteral?.EndPoint ?? new IPEndPoint(literal, port)], pinnedLiteral is null ? "IP literal" : PinSource, null);
        }

        var pinned = pins.Where(p => p.Port == port && string.Equals(p.Host, host, StringComparison.OrdinalIgnoreCase)).Select(p => p.EndPoint).ToList();
        if (pinned.Count > 0)
        {
            return (pinned, PinSource, null);
        }

        var answer = await dns.AddressesAsync(host, cancellationToken);
        if (answer.Error is { } error)
        {
            return ([], "DNS", error);
        }

        return answer.Records.Count == 0
            ? ([], "DNS", $"{host} has no A or AAAA record ({dns.ServerDescription})")
            : (answer.Records.Select(a => new IPEndPoint(a, port)).ToList(), $"A/AAAA from {dns.ServerDescription}", null);
    }
}
