namespace Delegation.Tests.Infra;

/// <summary>
/// Two snapshots shared by the snapshot tests: the example infra/main.bicepparam as committed, and a variant with an
/// admin, the Premium tier with a WAF, an apex taken over, a subdomain inside an Azure DNS zone, an alert address and
/// a longer edge lifetime.
/// </summary>
public sealed class ExampleSnapshotFixture : IAsyncLifetime
{
    public const string AdminPrincipalId = "11111111-2222-3333-4444-555555555555";

    public const string AlertEmailAddress = "ops@example.net";

    private const string VariantParameters = """
        using 'main.bicep'

        param customDomains = [
          {
            name: 'Example.COM'
            dnsZoneName: 'example.com'
            apexTakeover: true
          }
          {
            name: 'matrix.example.net'
            dnsZoneName: 'example.net'
          }
          {
            name: 'chat.example.org'
          }
        ]

        param frontDoorTier = 'Premium'

        param enableWaf = true

        param documentSharedMaxAgeSeconds = 900

        param alertEmailAddress = 'ops@example.net'

        param alwaysReadyInstances = 2

        param adminPrincipalId = '11111111-2222-3333-4444-555555555555'
        """;

    internal SnapshotResult Example { get; private set; } = null!;

    internal SnapshotResult Variant { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var example = Bicep.SnapshotAsync(Bicep.ExampleParameters());
        var variant = Bicep.SnapshotAsync(VariantParameters);
        Example = await example;
        Variant = await variant;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
