using Delegation.Checks;
using Microsoft.AspNetCore.Http;
using Delegation.Names;
using Microsoft.Extensions.Time.Testing;

namespace Delegation.Tests.Checks;

/// <summary>The redirect chain's one timeout, measured on the clock the engine is given.</summary>
public sealed class WellKnownFetcherTests
{
    [Fact]
    public async Task FetchAsync_ClockPassesTheTimeoutOnTheFirstHop_NextHopIsNotTried()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var network = (await CheckNetwork.StartAsync()).Pin("a.test", 443).Pin("b.test", 443);
        var secondHop = 0;
        network.Server.ValidFor("a.test", "b.test")
            .Route("a.test", "/start", context =>
            {
                // The first hop uses up the whole timeout on the engine's clock.
                time.Advance(network.Timeout);
                context.Response.Redirect("https://b.test/end");
                return Task.CompletedTask;
            })
            .Route("b.test", "/end", context =>
            {
                Interlocked.Increment(ref secondHop);
                return context.Response.WriteAsync("{}");
            });
        using var probe = Probe(network.Settings(), time);

        var fetch = await new WellKnownFetcher(probe, time).FetchAsync(HttpUrl.ForHost("a.test", "/start"), TestContext.Current.CancellationToken);

        Assert.Equal([302, null], fetch.Responses.Select(r => r.Status));
        Assert.Equal("could not connect to b.test:443 within 15 s (the request timeout)", fetch.Error);
        Assert.Equal(0, secondHop);
    }

    [Fact]
    public async Task FetchAsync_ClockShortOfTheTimeoutOnTheFirstHop_FollowsTheRedirect()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var network = (await CheckNetwork.StartAsync()).Pin("a.test", 443).Pin("b.test", 443);
        network.Server.ValidFor("a.test", "b.test")
            .Route("a.test", "/start", context =>
            {
                time.Advance(TimeSpan.FromSeconds(5));
                context.Response.Redirect("https://b.test/end");
                return Task.CompletedTask;
            })
            .Json("b.test", "/end", "{}");
        using var probe = Probe(network.Settings(), time);

        var fetch = await new WellKnownFetcher(probe, time).FetchAsync(HttpUrl.ForHost("a.test", "/start"), TestContext.Current.CancellationToken);

        Assert.Null(fetch.Error);
        Assert.Equal([302, 200], fetch.Responses.Select(r => r.Status));
        Assert.True(fetch.Elapsed >= TimeSpan.FromSeconds(5));
    }

    private static HttpProbe Probe(CheckSettings settings, TimeProvider time) =>
        new(settings, new AddressResolver(settings.Pins, new DnsLookup(settings.DnsServer, settings.Timeout)), new CertificateValidator(settings.ExtraCertificateAuthorities, time), time);
}
