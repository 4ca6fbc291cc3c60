using Delegation.Documents;
using Delegation.Serving;
using Delegation.Table;
using Microsoft.Extensions.Time.Testing;

namespace Delegation.Tests.Serving;

public sealed class DomainCacheTests
{
    private static readonly DelegationDocuments Documents = DelegationDocuments.FromRow(new DelegationRow("example.com") { Server = "matrix.example.com:443" });

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void TryGetFresh_AnswerWithinItsLifetime_HitsAndAfterItMisses()
    {
        var cache = Create();
        cache.Set("example.com", Documents);

        var within = cache.TryGetFresh("example.com", out var entry);
        _time.Advance(TimeSpan.FromSeconds(60));
        var after = cache.TryGetFresh("example.com", out _);

        Assert.True(within);
        Assert.Same(Documents, entry!.Documents);
        Assert.False(after);
    }

    [Fact]
    public void TryGetFresh_AbsenceWithinTheNegativeLifetime_HitsAsAbsentAndAfterItMisses()
    {
        var cache = Create();
        cache.Set("nope.example", null);

        _time.Advance(TimeSpan.FromSeconds(29));
        var within = cache.TryGetFresh("nope.example", out var entry);
        _time.Advance(TimeSpan.FromSeconds(1));
        var after = cache.TryGetFresh("nope.example", out _);

        Assert.True(within);
        Assert.True(entry!.IsNegative);
        Assert.False(after);
    }

    [Fact]
    public void TryGetFresh_Hit_AllocatesNothing()
    {
        var cache = Create();
        cache.Set("example.com", Documents);
        Span<char> domain = ['e', 'x', 'a', 'm', 'p', 'l', 'e', '.', 'c', 'o', 'm'];
        cache.TryGetFresh(domain, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var hits = 0;
        for (var i = 0; i < 1000; i++)
        {
            hits += cache.TryGetFresh(domain, out _) ? 1 : 0;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1000, hits);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void TryUseStale_WithinStaleIfError_ReturnsTheEntryAndTrustsItForTheRetryPeriod()
    {
        var cache = Create();
        cache.Set("example.com", Documents);
        _time.Advance(TimeSpan.FromSeconds(61));

        var used = cache.TryUseStale("example.com", out var stale);
        var freshDuringRetry = cache.TryGetFresh("example.com", out _);
        _time.Advance(TimeSpan.FromSeconds(10));
        var freshAfterRetry = cache.TryGetFresh("example.com", out _);

        Assert.True(used);
        Assert.Same(Documents, stale!.Documents);
        Assert.True(freshDuringRetry);
        Assert.False(freshAfterRetry);
    }

    [Fact]
    public void TryUseStale_PastStaleIfError_ReturnsFalse()
    {
        var cache = Create();
        cache.Set("example.com", Documents);
        _time.Advance(TimeSpan.FromSeconds(60 + 3600));

        var used = cache.TryUseStale("example.com", out var stale);

        Assert.False(used);
        Assert.Null(stale);
    }

    [Fact]
    public void TryUseStale_NeverCached_ReturnsFalse()
    {
        var cache = Create();

        Assert.False(cache.TryUseStale("example.com", out _));
    }

    [Fact]
    public void Set_ExistingDomain_ReplacesItWithoutCountingItTwice()
    {
        var cache = Create();
        cache.Set("example.com", null);

        cache.Set("example.com", Documents);

        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGetFresh("example.com", out var entry));
        Assert.Same(Documents, entry.Documents);
    }

    [Fact]
    public void Set_ManyMoreDomainsThanTheBound_KeepsTheCountAtTheBoundAfterEveryWrite()
    {
        var cache = Create(bound: 100);
        var counts = new List<int>();

        for (var i = 0; i < 1000; i++)
        {
            cache.Set($"d{i}.example", i % 3 == 0 ? null : Documents);
            counts.Add(cache.Count);
        }

        // One more entry per write until the bound, then exactly the bound: an eviction per write, never a burst.
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => Math.Min(i, 100)), counts);
        Assert.True(cache.TryGetFresh("d999.example", out _));
    }

    [Fact]
    public async Task Set_FromManyThreadsOverTheBound_KeepsTheCountAtTheBound()
    {
        var cache = Create(bound: 500);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 5000; i++)
            {
                cache.Set($"t{t}-d{i}.example", i % 2 == 0 ? null : Documents);
            }
        })));

        Assert.Equal(500, cache.Count);
    }

    [Fact]
    public void Set_OverTheBound_EvictsAnEntryPastStaleBeforeAnAbsence()
    {
        var cache = Create(bound: 3);
        cache.Set("dead.example", Documents);
        _time.Advance(TimeSpan.FromSeconds(60 + 3600));
        cache.Set("absent.example", null);
        cache.Set("answer.example", Documents);

        cache.Set("new.example", Documents);

        Assert.False(cache.TryUseStale("dead.example", out _));
        Assert.True(cache.TryGetFresh("absent.example", out _));
        Assert.True(cache.TryGetFresh("answer.example", out _));
        Assert.True(cache.TryGetFresh("new.example", out _));
    }

    [Fact]
    public void Set_OverTheBound_EvictsAnAbsenceBeforeAnOlderAnswer()
    {
        var cache = Create(bound: 3);
        cache.Set("old.example", Documents);
        cache.Set("absent.example", null);
        cache.Set("answer.example", Documents);

        cache.Set("new.example", Documents);

        Assert.True(cache.TryGetFresh("old.example", out _));
        Assert.False(cache.TryGetFresh("absent.example", out _));
        Assert.True(cache.TryGetFresh("answer.example", out _));
        Assert.True(cache.TryGetFresh("new.example", out _));
    }

    [Fact]
    public void Set_OverTheBound_EvictsAnAnswerPastFreshBeforeAnOlderFreshOne()
    {
        var cache = Create(bound: 3);
        cache.Set("refreshed.example", Documents);
        cache.Set("expired.example", Documents);
        _time.Advance(TimeSpan.FromSeconds(61));
        cache.Set("refreshed.example", Documents);
        cache.Set("answer.example", Documents);

        cache.Set("new.example", Documents);

        Assert.True(cache.TryGetFresh("refreshed.example", out _));
        Assert.False(cache.TryUseStale("expired.example", out _));
        Assert.True(cache.TryGetFresh("answer.example", out _));
    }

    [Fact]
    public void Set_OverTheBoundAllAlike_EvictsTheOldest()
    {
        var cache = Create(bound: 3);
        cache.Set("a.example", Documents);
        cache.Set("b.example", Documents);
        cache.Set("c.example", Documents);

        cache.Set("d.example", Documents);

        Assert.False(cache.TryGetFresh("a.example", out _));
        Assert.True(cache.TryGetFresh("b.example", out _));
        Assert.True(cache.TryGetFresh("c.example", out _));
    }

    [Fact]
    public void Set_FloodOfAbsences_KeepsEveryAnswer()
    {
        var cache = Create(bound: 100);
        var answers = Enumerable.Range(0, DomainCache.EvictionWindow - 1).Select(i => $"real{i}.example").ToList();
        answers.ForEach(domain => cache.Set(domain, Documents));

        for (var i = 0; i < 10_000; i++)
        {
            cache.Set($"junk{i}.example", null);
        }

        Assert.All(answers, domain => Assert.True(cache.TryGetFresh(domain, out _), domain));
        Assert.Equal(100, cache.Count);
    }

    private DomainCache Create(int bound = 1000) =>
        new(new ServingOptions { CacheSeconds = 60, NegativeCacheSeconds = 30, StaleIfErrorSeconds = 3600, MaxCachedDomains = bound }, _time);
}
