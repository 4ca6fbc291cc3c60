using Delegation.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Delegation.Tests.Serving;

public sealed class RequestedHostTests
{
    private const string OurId = "8c8a3f1e-0000-4000-8000-000000000001";
    private const string OurSecondId = "8c8a3f1e-0000-4000-8000-000000000002";

    private readonly FakeTimeProvider _time = new();
    private readonly FakeLogger<RequestedHost> _logger = new();

    [Fact]
    public void Select_OurFrontDoorWithDelegationHost_TakesItOverForwardedHostAndHost()
    {
        var headers = Headers(("X-Azure-FDID", OurId), ("X-Delegation-Host", "example.com"), ("X-Forwarded-Host", "func-x.azurewebsites.net"));

        Assert.Equal("example.com", Select(headers));
    }

    [Fact]
    public void Select_OurFrontDoorWithoutDelegationHost_FallsBackToForwardedHost()
    {
        var headers = Headers(("X-Azure-FDID", OurId), ("X-Forwarded-Host", "example.com, other.example"));

        Assert.Equal("example.com", Select(headers));
    }

    [Fact]
    public void Select_AnyIdOfTheList_IsOurFrontDoor()
    {
        var headers = Headers(("X-Azure-FDID", OurSecondId.ToUpperInvariant()), ("X-Delegation-Host", "example.com"));

        Assert.Equal("example.com", Select(headers, $" {OurId} ,{OurSecondId},"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("someone-elses-front-door")]
    [InlineData("")]
    public void Select_WithoutOurFrontDoorId_IgnoresBothHeaders(string? frontDoorId)
    {
        var headers = Headers(("X-Delegation-Host", "example.com"), ("X-Forwarded-Host", "example.com"));
        if (frontDoorId is not null)
        {
            headers["X-Azure-FDID"] = frontDoorId;
        }

        Assert.Equal("func-x.azurewebsites.net", Select(headers));
    }

    [Fact]
    public void Select_NoFrontDoorConfigured_UsesHostEvenWithHeaders()
    {
        var headers = Headers(("X-Azure-FDID", OurId), ("X-Delegation-Host", "example.com"));

        Assert.Equal("func-x.azurewebsites.net", Select(headers, frontDoorIds: null));
    }

    [Fact]
    public void Select_OurFrontDoorWithNeitherHeader_UsesHostAndWarnsOncePerCacheLifetime()
    {
        var requestedHost = Create(OurId);
        var headers = Headers(("X-Azure-FDID", OurId));

        var first = requestedHost.Select(headers).ToString();
        requestedHost.Select(headers);
        _time.Advance(TimeSpan.FromSeconds(59));
        requestedHost.Select(headers);
        var warningsWithinOneLifetime = _logger.Collector.Count;
        _time.Advance(TimeSpan.FromSeconds(2));
        requestedHost.Select(headers);
        var warnings = _logger.Collector.GetSnapshot();

        Assert.Equal("func-x.azurewebsites.net", first);
        Assert.Equal(1, warningsWithinOneLifetime);
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.Contains("X-Delegation-Host", warnings[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OurId, null, true)]
    [InlineData(OurId, "someone-elses-front-door", true)]
    [InlineData(OurId, OurId, false)]
    [InlineData(null, null, false)]
    public void IsOtherProfilesProbe_ProbeHeader_TrueUnlessItCarriesOurIdOrNoFrontDoorIsConfigured(string? configured, string? frontDoorId, bool expected)
    {
        var headers = Headers(("X-FD-HealthProbe", "1"));
        if (frontDoorId is not null)
        {
            headers["X-Azure-FDID"] = frontDoorId;
        }

        Assert.Equal(expected, Create(configured).IsOtherProfilesProbe(headers));
    }

    [Fact]
    public void IsOtherProfilesProbe_NoProbeHeader_False()
    {
        Assert.False(Create(OurId).IsOtherProfilesProbe(Headers(("X-Azure-FDID", "someone-elses-front-door"))));
    }

    private string Select(IHeaderDictionary headers, string? frontDoorIds = OurId) => Create(frontDoorIds).Select(headers).ToString();

    private RequestedHost Create(string? frontDoorIds) =>
        new(Options.Create(new ServingOptions { FrontDoorId = frontDoorIds, CacheSeconds = 60 }), _time, _logger);

    private static IHeaderDictionary Headers(params (string Name, string Value)[] headers)
    {
        IHeaderDictionary dictionary = new HeaderDictionary();
        dictionary.Host = "func-x.azurewebsites.net";
        foreach (var (name, value) in headers)
        {
            dictionary[name] = value;
        }

        return dictionary;
    }
}
