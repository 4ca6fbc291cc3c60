namespace Delegation.Checks;

/// <summary>What a DNS question got: records, nothing (NXDOMAIN or no data), or a failure to ask.</summary>
internal sealed record DnsAnswer<T>(IReadOnlyList<T> Records, string? Error)
{
    public static DnsAnswer<T> Failed(string error) => new([], error);
}
