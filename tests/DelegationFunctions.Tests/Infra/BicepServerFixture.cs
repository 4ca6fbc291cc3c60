[assembly: AssemblyFixture(typeof(Delegation.Tests.Infra.BicepServerFixture))]

namespace Delegation.Tests.Infra;

/// <summary>Stops the shared bicep compiler process (<see cref="Bicep"/> starts it on first use) when the test run ends.</summary>
public sealed class BicepServerFixture : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Bicep.StopServerAsync();
}
