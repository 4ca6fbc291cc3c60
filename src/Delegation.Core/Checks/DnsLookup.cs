using System.Net;
using System.Net.Sockets;
using DnsClient;

namespace Delegation.Checks;

/// <summary>
/// SRV, A and AAAA questions through DnsClient, to <c>--dns</c> when given, else to the system's name servers.
/// Without <c>--dns</c>, host addresses come from the operating system (so /etc/hosts counts, as for a homeserver).
/// </summary>
internal sealed class DnsLookup
{
    private readonly LookupClient _client;
    private readonly bool _customServer;
    private readonly TimeSpan _timeout;

    public DnsLookup(IPEndPoint? server, TimeSpan timeout)
    {
        var options = server is null ? new LookupClientOptions() : new LookupClientOptions(server);
        options.UseCache = false;
        options.ThrowDnsErrors = false;
        options.Retries = 1;
        // Two tries must fit in the request timeout, so a silent DNS server is reported as such, not as a connect timeout.
        options.Timeout = timeout / 3 < TimeSpan.FromSeconds(5) ? timeout / 3 : TimeSpan.FromSeconds(5);
        _timeout = options.Timeout;
        _client = new LookupClient(options);
        _customServer = server is not null;
        ServerDescription = server is null ? "the system's DNS servers" : $"DNS server {server}";
    }

    public string ServerDescription { get; }

    public async Task<DnsAnswer<SrvTarget>> SrvAsync(string name, CancellationToken cancellationToken = default)
    {
        var response = await QueryAsync(name, QueryType.SRV, cancellationToken);
        if (response.Error is { } error)
        {
            return DnsAnswer<SrvTarget>.Failed(error);
        }

        var targets = response.Response!.Answers.SrvRecords()
            .Select(r => new SrvTarget(r.Target.Value.TrimEnd('.').ToLowerInvariant(), r.Port, r.Priority, r.Weight))
            .OrderBy(t => t.Priority).ThenByDescending(t => t.Weight)
            .ToList();
        return new DnsAnswer<SrvTarget>(targets, null);
    }

    public async Task<DnsAnswer<IPAddress>> AddressesAsync(string host, CancellationToken cancellationToken = default)
    {
        if (!_customServer)
        {
            try
            {
                return new DnsAnswer<IPAddress>(await Dns.GetHostAddressesAsync(host, cancellationToken), null);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData)
            {
                return new DnsAnswer<IPAddress>([], null);
            }
            catch (SocketException ex)
            {
                return DnsAnswer<IPAddress>.Failed($"resolving {host} failed: {ex.Message}");
            }
        }

        var v4Query = QueryAsync(host, QueryType.A, cancellationToken);
        var v6Query = QueryAsync(host, QueryType.AAAA, cancellationToken);
        var (v4, v6) = (await v4Query, await v6Query);
        if (v4.Error is { } error)
        {
            return DnsAnswer<IPAddress>.Failed(error);
        }

        var addresses = v4.Response!.Answers.ARecords().Select(r => r.Address)
            .Concat(v6.Response?.Answers.AaaaRecords().Select(r => r.Address) ?? [])
            .ToList();
        return new DnsAnswer<IPAddress>(addresses, null);
    }

    private async Task<(IDnsQueryResponse? Response, string? Error)> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.QueryAsync(name, type, QueryClass.IN, cancellationToken);
            if (response.HasError && response.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain)
            {
                return (null, $"{ServerDescription} answered {type} {name} with {response.ErrorMessage}");
            }

            return (response, null);
        }
        catch (DnsResponseException ex) when (ex.Code == DnsResponseCode.ConnectionTimeout)
        {
            return (null, $"{ServerDescription} did not answer {type} {name} (tried twice, {_timeout.TotalSeconds:0.#} s each)");
        }
        catch (DnsResponseException ex)
        {
            return (null, $"{ServerDescription} did not answer {type} {name}: {ex.Message}");
        }
        catch (SocketException ex)
        {
            return (null, $"{ServerDescription} cannot be reached for {type} {name}: {ex.Message}");
        }
    }
}
