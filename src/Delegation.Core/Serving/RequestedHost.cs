using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Delegation.Serving;

/// <summary>
/// Picks the header that names the domain a request asks for (docs/reference.md, "Which domain is asked for").
/// Behind our Front Door (its ID in <c>X-Azure-FDID</c>) that is <c>X-Delegation-Host</c>, which the route's rule set
/// writes from <c>{hostname}</c>, then <c>X-Forwarded-Host</c>; otherwise <c>Host</c>.
/// </summary>
/// <remarks>
/// Why a header of our own: the Functions host forwards each request to the isolated worker with YARP's
/// <c>HttpTransformer.Default</c> (Azure/azure-functions-host, <c>src/WebJobs.Script/Http/DefaultHttpProxyService.cs</c>
/// and <c>ScriptInvocationRequestTransformer.cs</c>), whose X-Forwarded transforms <em>set</em>
/// <c>X-Forwarded-Host</c> to the host's own <c>Host</c>, the app's <c>*.azurewebsites.net</c> name. The worker's
/// forwarded-headers middleware then makes that <c>Request.Host</c>. Headers of other names pass through unchanged.
/// </remarks>
public sealed partial class RequestedHost
{
    public const string FrontDoorIdHeader = "X-Azure-FDID";
    public const string DelegationHostHeader = "X-Delegation-Host";
    public const string ForwardedHostHeader = "X-Forwarded-Host";
    public const string HealthProbeHeader = "X-FD-HealthProbe";

    private readonly string[] _frontDoorIds;
    private readonly TimeProvider _time;
    private readonly ILogger<RequestedHost> _logger;
    private readonly TimeSpan _missingHeaderLogInterval;
    private long _nextMissingHeaderLog;

    public RequestedHost(IOptions<ServingOptions> options, TimeProvider time, ILogger<RequestedHost> logger)
    {
        _frontDoorIds = ServingOptions.ParseFrontDoorIds(options.Value.FrontDoorId);
        _time = time;
        _logger = logger;
        _missingHeaderLogInterval = TimeSpan.FromSeconds(options.Value.CacheSeconds);
    }

    /// <summary>The raw host value to normalise; headers only our Front Door may set are trusted only with its ID.</summary>
    public ReadOnlySpan<char> Select(IHeaderDictionary headers)
    {
        if (_frontDoorIds.Length == 0 || !IsOurFrontDoor(headers[FrontDoorIdHeader].ToString()))
        {
            return headers.Host.ToString();
        }

        if (FirstValue(headers[DelegationHostHeader].ToString()) is { IsEmpty: false } delegationHost)
        {
            return delegationHost;
        }

        if (FirstValue(headers[ForwardedHostHeader].ToString()) is { IsEmpty: false } forwardedHost)
        {
            return forwardedHost;
        }

        LogMissingHostHeader(headers);
        return headers.Host.ToString();
    }

    /// <summary>
    /// A Front Door health probe without one of our IDs. The access restriction admits every profile's probes (they may
    /// lack X-Azure-FDID), so such a request may come from another customer's profile: it gets the health route only.
    /// </summary>
    public bool IsOtherProfilesProbe(IHeaderDictionary headers) =>
        _frontDoorIds.Length > 0 && headers.ContainsKey(HealthProbeHeader) && !IsOurFrontDoor(headers[FrontDoorIdHeader].ToString());

    private bool IsOurFrontDoor(string frontDoorId)
    {
        foreach (var id in _frontDoorIds)
        {
            if (string.Equals(frontDoorId, id, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static ReadOnlySpan<char> FirstValue(string value)
    {
        var span = value.AsSpan();
        var comma = span.IndexOf(',');
        return (comma < 0 ? span : span[..comma]).Trim();
    }

    // Once per cache lifetime: every request through a Front Door without the rule would otherwise log.
    private void LogMissingHostHeader(IHeaderDictionary headers)
    {
        var now = _time.GetTimestamp();
        var next = Interlocked.Read(ref _nextMissingHeaderLog);
        if (now < next || Interlocked.CompareExchange(ref _nextMissingHeaderLog, now + (long)(_missingHeaderLogInterval.TotalSeconds * _time.TimestampFrequency), next) != next)
        {
            return;
        }

        Log.MissingHostHeader(_logger, headers[FrontDoorIdHeader].ToString(), headers.Host.ToString());
    }
}
