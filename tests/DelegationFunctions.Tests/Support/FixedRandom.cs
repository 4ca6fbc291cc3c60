namespace Delegation.Tests.Support;

/// <summary>A <see cref="Random"/> whose <see cref="NextDouble"/> is the value a test chose, so a random delay is known.</summary>
internal sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;
}
