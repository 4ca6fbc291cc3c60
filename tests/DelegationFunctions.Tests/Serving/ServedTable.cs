using Azure.Data.Tables;

namespace Delegation.Tests.Serving;

/// <summary>
/// <c>delegation serve</c>'s Kestrel app on a loopback port, reading a fresh Azurite table seeded with the rows of
/// the contract tests, including rows edited by hand into invalid values.
/// </summary>
public sealed class ServedTable(AzuriteFixture storage) : IAsyncLifetime
{
    public const string FrontDoorId = "8c8a3f1e-0000-4000-8000-000000000001";

    private ServingHost? _host;

    public HttpClient Client { get { Azurite.SkipIfNodeMissing(); return field; } private set; } = null!;

    public Uri BaseAddress { get { Azurite.SkipIfNodeMissing(); return field; } private set; } = null!;

    public TableClient Table { get { Azurite.SkipIfNodeMissing(); return field; } private set; } = null!;

    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["FrontDoorId"] = FrontDoorId,
        ["Delegation:MaxAgeSeconds"] = "3600",
        ["Delegation:NotFoundMaxAgeSeconds"] = "120",
        ["Delegation:RetryAfterSeconds"] = "17",
    };

    public async ValueTask InitializeAsync()
    {
        if (Azurite.MissingNodeReason is not null)
        {
            return; // each test skips, with the reason, when it asks for what this fixture would have started
        }

        var azurite = await storage.GetAsync();
        Table = await azurite.CreateTableAsync();
        await SeedAsync(Table);
        _host = await ServingHost.StartAsync(azurite.ConnectionString, Table.Name, Settings);
        BaseAddress = _host.BaseAddress;
        Client = _host.Client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private static async Task SeedAsync(TableClient table)
    {
        await table.AddEntityAsync(new TableEntity("example.com", string.Empty)
        {
            ["Server"] = "matrix.example.com:443",
            ["ClientBaseUrl"] = "https://matrix.example.com",
        });
        await table.AddEntityAsync(new TableEntity("*.example.org", string.Empty) { ["Server"] = "wild.example.org:8448" });
        await table.AddEntityAsync(new TableEntity("xn--bcher-kva.example", string.Empty) { ["Server"] = "matrix.xn--bcher-kva.example:443" });
        await table.AddEntityAsync(new TableEntity("front.example", string.Empty) { ["Server"] = "front-matrix.example:443" });
        await table.AddEntityAsync(new TableEntity("support.example", string.Empty)
        {
            ["Support"] = "{\"contacts\":[{\"email_address\":\"admin@support.example\",\"role\":\"m.role.admin\"}]}",
        });
        await table.AddEntityAsync(new TableEntity("broken.example", string.Empty)
        {
            ["Server"] = "https://matrix.broken.example",
            ["ClientBaseUrl"] = "https://matrix.broken.example",
        });
        await table.AddEntityAsync(new TableEntity("typed.example", string.Empty) { ["Server"] = 8448 });

        // Edited by hand: 'xn--zz' looks like an A-label but decodes to nothing; no request may reach this row.
        await table.AddEntityAsync(new TableEntity("xn--zz.example", string.Empty) { ["Server"] = "matrix.example.com:443" });
    }
}
