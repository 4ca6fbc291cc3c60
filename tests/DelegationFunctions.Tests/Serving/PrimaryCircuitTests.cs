using Delegation.Serving;
using Microsoft.Extensions.Time.Testing;

namespace Delegation.Tests.Serving;

public sealed class PrimaryCircuitTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void SkipPrimary_NeverFailed_AsksThePrimary()
    {
        var circuit = new PrimaryCircuit(_time, new FixedRandom(0.5));

        Assert.False(circuit.SkipPrimary());
        Assert.False(circuit.Close());
    }

    [Theory]
    [InlineData(0.0, 5.0)]
    [InlineData(0.5, 7.5)]
    [InlineData(0.99, 9.95)]
    public void Open_DrawnWindow_SkipsUntilItEndsThenOneReadTriesThePrimary(double draw, double seconds)
    {
        var circuit = new PrimaryCircuit(_time, new FixedRandom(draw));

        var opened = circuit.Open(out var window);
        _time.Advance(window - TimeSpan.FromMilliseconds(1));
        var withinWindow = circuit.SkipPrimary();
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var trial = circuit.SkipPrimary();
        var duringTrial = circuit.SkipPrimary();

        Assert.True(opened);
        Assert.Equal(TimeSpan.FromSeconds(seconds), window);
        Assert.True(withinWindow);
        Assert.False(trial);
        Assert.True(duringTrial, "while one read tries the primary, the others still skip it");
    }

    [Fact]
    public void Open_AlreadyOpen_StartsANewWindowWithoutSayingOpenedAgain()
    {
        var circuit = new PrimaryCircuit(_time, new FixedRandom(0));
        circuit.Open(out _);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(circuit.SkipPrimary());

        var reopened = circuit.Open(out _);
        _time.Advance(TimeSpan.FromSeconds(4));

        Assert.False(reopened);
        Assert.True(circuit.SkipPrimary());
    }

    [Fact]
    public void Close_AfterOpen_AsksThePrimaryAndSaysSoOnce()
    {
        var circuit = new PrimaryCircuit(_time, new FixedRandom(0.5));
        circuit.Open(out _);

        var closed = circuit.Close();
        var again = circuit.Close();

        Assert.True(closed);
        Assert.False(again);
        Assert.False(circuit.SkipPrimary());
    }

    [Fact]
    public void SecondaryFailed_WhileOpen_AsksThePrimaryAgainButRemembersItFailed()
    {
        var circuit = new PrimaryCircuit(_time, new FixedRandom(0.5));
        circuit.Open(out _);

        circuit.SecondaryFailed();
        var skip = circuit.SkipPrimary();
        var reopened = circuit.Open(out _);
        circuit.SecondaryFailed();
        var closed = circuit.Close();

        Assert.False(skip);
        Assert.False(reopened, "both endpoints down is one episode, not a new one");
        Assert.True(closed, "the primary answering again is still news");
    }

    [Fact]
    public void SecondaryFailed_WhileClosed_StaysClosed()
    {
        var circuit = new PrimaryCircuit(_time, new FixedRandom(0.5));

        circuit.SecondaryFailed();

        Assert.False(circuit.SkipPrimary());
        Assert.False(circuit.Close());
    }
}
