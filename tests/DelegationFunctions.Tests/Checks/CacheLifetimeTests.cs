using Delegation.Checks;

namespace Delegation.Tests.Checks;

public sealed class CacheLifetimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("no-store", null, 0, 300)]
    [InlineData("no-store, max-age=3600", null, 0, 300)]
    [InlineData("max-age=60", null, 60, 300)]
    [InlineData("public, max-age=14400", null, 14400, 14400)]
    [InlineData("max-age=604800", null, 604800, 172800)]
    [InlineData("MAX-AGE=600", null, 600, 600)]
    [InlineData("max-age=600", "Thu, 01 Jan 2026 13:00:00 GMT", 600, 600)]
    [InlineData(null, "Thu, 01 Jan 2026 14:00:00 GMT", 7200, 7200)]
    [InlineData(null, "Thu, 01 Jan 2026 11:00:00 GMT", -3600, 300)]
    [InlineData(null, "0", 0, 300)]
    [InlineData("max-age=", "Thu, 01 Jan 2026 14:00:00 GMT", 7200, 7200)]
    public void From_Headers_ComputesSynapseLifetime(string? cacheControl, string? expires, int requestedSeconds, int effectiveSeconds)
    {
        var lifetime = CacheLifetime.From(cacheControl is null ? [] : [cacheControl], expires is null ? [] : [expires], Now);

        Assert.Equal(TimeSpan.FromSeconds(requestedSeconds), lifetime.Requested);
        Assert.Equal(TimeSpan.FromSeconds(effectiveSeconds), lifetime.Effective);
    }

    [Fact]
    public void From_NoHeader_IsTwentyFourHours()
    {
        var lifetime = CacheLifetime.From([], [], Now);

        Assert.Null(lifetime.Requested);
        Assert.Equal(TimeSpan.FromHours(24), lifetime.Effective);
    }
}
