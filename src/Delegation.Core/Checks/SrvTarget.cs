using System.Globalization;

namespace Delegation.Checks;

/// <summary>One SRV answer: where the service lives.</summary>
internal sealed record SrvTarget(string Host, int Port, int Priority, int Weight)
{
    public override string ToString() =>
        $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)} (priority {Priority.ToString(CultureInfo.InvariantCulture)}, weight {Weight.ToString(CultureInfo.InvariantCulture)})";
}
