using System.Net;
using Delegation.Serving;
using Microsoft.Extensions.Time.Testing;

namespace Delegation.Tests.Resilience;

/// <summary>
/// How many storage timeouts the first answer for a domain costs while the primary endpoint is down, counted on the
/// resolver's clock: a domain that only its wildcard row answers needs two lookups, and neither the second lookup nor
/// the secondary may wait out the primary's timeout again.
/// </summary>
public sealed class PrimaryTimeoutTests
{
    public enum Endpoint
    {
        Up,
        Refuses,
        Hangs,
        Absent,
    }

    private static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a step may take on a loaded machine before the test fails instead of hanging; not a wait.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The storage timeout is longer than <see cref="Deadline"/>, so the SDK's own network timeout (real time) never
    /// cuts a hanging read: only the resolver's, on the fake clock, does, and each one is counted.
    /// </summary>
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Delegation:StorageTimeoutSeconds"] = "30",
    };

    [Theory]
    [InlineData(Endpoint.Hangs, Endpoint.Up, HttpStatusCode.OK, 1)]
    [InlineData(Endpoint.Hangs, Endpoint.Refuses, HttpStatusCode.ServiceUnavailable, 1)]
    [InlineData(Endpoint.Hangs, Endpoint.Hangs, HttpStatusCode.ServiceUnavailable, 2)]
    [InlineData(Endpoint.Hangs, Endpoint.Absent, HttpStatusCode.ServiceUnavailable, 1)]
    [InlineData(Endpoint.Refuses, Endpoint.Up, HttpStatusCode.OK, 0)]
    [InlineData(Endpoint.Refuses, Endpoint.Hangs, HttpStatusCode.ServiceUnavailable, 1)]
    public async Task FirstAnswer_WildcardDomainPrimaryDown_AtMostOneTimeoutPerEndpoint(Endpoint primary, Endpoint secondary, HttpStatusCode expected, int expectedTimeouts)
    {
        var azurite = await Azurite.Shared;
        var table = await azurite.CreateTableAsync();
        await Seed.RowsAsync(table, "*.example.net");
        await using var primaryProxy = new StallingProxy(azurite.Port) { Stalled = true };
        await using var secondaryProxy = new StallingProxy(azurite.Port) { Stalled = secondary == Endpoint.Hangs };
        var settings = new Dictionary<string, string?>(Settings);
        if (secondary != Endpoint.Absent)
        {
            settings["DelegationStorageSecondary"] = Azurite.ConnectionStringFor(secondary == Endpoint.Refuses ? ReservedPorts.RefusingTcp : secondaryProxy.Port);
        }

        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var primaryConnection = Azurite.ConnectionStringFor(primary == Endpoint.Refuses ? ReservedPorts.RefusingTcp : primaryProxy.Port);
        await using var host = await ServingHost.StartAsync(primaryConnection, table.Name, settings, time: time);

        var (response, timeouts) = await AnswerCountingTimeoutsAsync(host, "a.example.net", time, primaryProxy, secondaryProxy);
        using (response)
        {
            var primaryFailures = host.Log.GetSnapshot().Count(r => r.Message.StartsWith("Reading the delegation row", StringComparison.Ordinal) && r.Message.EndsWith("(primary endpoint)", StringComparison.Ordinal));

            Assert.Equal(expected, response.StatusCode);
            Assert.Equal(expectedTimeouts, timeouts);
            Assert.Equal(1, primaryFailures);
        }
    }

    /// <summary>
    /// After the first request waited out the primary's timeout, the next domain goes straight to the secondary; once
    /// the primary is back and the window has passed, the primary answers again.
    /// </summary>
    [Fact]
    public async Task Requests_PrimaryHangsSecondaryUp_OnlyTheFirstWaitsThenThePrimaryAnswersOnceBack()
    {
        var azurite = await Azurite.Shared;
        var table = await azurite.CreateTableAsync();
        await Seed.RowsAsync(table, "*.example.net");
        await using var primaryProxy = new StallingProxy(azurite.Port) { Stalled = true };
        await using var secondaryProxy = new StallingProxy(azurite.Port);
        var settings = new Dictionary<string, string?>(Settings) { ["DelegationStorageSecondary"] = Azurite.ConnectionStringFor(secondaryProxy.Port) };
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ServingHost.StartAsync(Azurite.ConnectionStringFor(primaryProxy.Port), table.Name, settings, time: time);

        var (first, firstTimeouts) = await AnswerCountingTimeoutsAsync(host, "a.example.net", time, primaryProxy, secondaryProxy);
        var (next, nextTimeouts) = await AnswerCountingTimeoutsAsync(host, "b.example.net", time, primaryProxy, secondaryProxy);
        primaryProxy.Stalled = false;
        time.Advance(PrimaryCircuit.Window * 2);
        var (back, backTimeouts) = await AnswerCountingTimeoutsAsync(host, "c.example.net", time, primaryProxy, secondaryProxy);
        var log = host.Log.GetSnapshot().Select(r => r.Message).ToList();
        first.Dispose();
        next.Dispose();
        back.Dispose();

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], new[] { first.StatusCode, next.StatusCode, back.StatusCode });
        Assert.Equal([1, 0, 0], new[] { firstTimeouts, nextTimeouts, backTimeouts });
        Assert.Single(log, m => m.StartsWith("The primary endpoint failed (read of a.example.net); reads go to the secondary endpoint for ", StringComparison.Ordinal));
        Assert.Contains(log, m => m.StartsWith("Answered b.example.net from the secondary endpoint", StringComparison.Ordinal));
        Assert.Contains(log, m => m.StartsWith("The primary endpoint answers again (read of c.example.net)", StringComparison.Ordinal));
        Assert.DoesNotContain(log, m => m.StartsWith("Answered c.example.net", StringComparison.Ordinal));
    }

    /// <summary>
    /// Sends a request and, each time a read hangs at a proxy, lets one storage timeout pass on the resolver's clock;
    /// answers the response and the number of timeouts it waited for. The resolver starts a read's timer before the
    /// read sends anything, so the timer exists when the proxy reports the read.
    /// </summary>
    internal static async Task<(HttpResponseMessage Response, int Timeouts)> AnswerCountingTimeoutsAsync(ServingHost host, string domain, FakeTimeProvider time, params StallingProxy[] proxies)
    {
        var swallowed = proxies.Select(p => p.NextSwallowed).ToArray();
        var response = host.GetServerAsync(domain, TestContext.Current.CancellationToken);
        var timeouts = 0;
        while (true)
        {
            var first = await Task.WhenAny([response, .. swallowed]).WaitAsync(Deadline, TestContext.Current.CancellationToken);
            if (first == response)
            {
                return (await response, timeouts);
            }

            swallowed = proxies.Select(p => p.NextSwallowed).ToArray();
            time.Advance(StorageTimeout);
            timeouts++;
        }
    }
}
