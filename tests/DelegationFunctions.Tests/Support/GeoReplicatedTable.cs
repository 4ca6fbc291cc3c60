using System.Diagnostics;
using System.Net;
using Delegation.Table;

namespace Delegation.Tests.Support;

/// <summary>
/// One read-access geo-redundant account played by two Azurites: the primary endpoint and its secondary, each holding
/// the same table with the same rows (replication caught up). A host under test gets both through its settings.
/// </summary>
internal sealed class GeoReplicatedTable : IAsyncDisposable
{
    /// <summary>A row on both endpoints that the tests ask for only once both are down.</summary>
    public const string Unasked = "later.example.com";

    /// <summary>The server <see cref="Unasked"/> gets on the primary once it is back: an edit the secondary never saw.</summary>
    public const string MovedServer = "moved.example.com:443";

    private GeoReplicatedTable(Azurite primary, Azurite secondary, string table)
    {
        Primary = primary;
        Secondary = secondary;
        Table = table;
    }

    /// <summary>Each requested domain with the body the table's rows give it (the wildcard answers a.example.net).</summary>
    public static IReadOnlyDictionary<string, string> Expected { get; } = new Dictionary<string, string>
    {
        ["example.com"] = """{"m.server":"matrix.example.com:443"}""",
        ["example.org"] = """{"m.server":"matrix.example.org:8448"}""",
        ["a.example.net"] = """{"m.server":"wild.example.net:443"}""",
    };

    public Azurite Primary { get; }

    public Azurite Secondary { get; }

    public string Table { get; }

    /// <summary>The settings a host reads: the primary and secondary endpoints and the table, with a short storage timeout.</summary>
    public Dictionary<string, string> Settings => new()
    {
        ["DelegationStorage"] = Primary.ConnectionString,
        ["DelegationStorageSecondary"] = Secondary.ConnectionString,
        ["DelegationTable"] = Table,
        ["Delegation__StorageTimeoutSeconds"] = "5",
    };

    public static async Task<GeoReplicatedTable> StartAsync()
    {
        var primary = await Azurite.StartAsync();
        var secondary = await Azurite.StartAsync();
        var table = new GeoReplicatedTable(primary, secondary, "geo" + Guid.NewGuid().ToString("N")[..20]);
        await table.SeedAsync(primary, "matrix.example.com:443");
        await table.SeedAsync(secondary, "matrix.example.com:443");
        return table;
    }

    /// <summary>Starts the primary again (empty, as in-memory Azurite is) and writes the rows with <see cref="MovedServer"/> for <see cref="Unasked"/>.</summary>
    public async Task RestorePrimaryAsync()
    {
        await Primary.RestartAsync();
        await SeedAsync(Primary, MovedServer);
    }

    /// <summary>Asks until the primary, back, answers 200 (a real process and a client's connections are awaited, not a clock).</summary>
    public static async Task<HttpResponseMessage> GetUntilOkAsync(Func<Task<HttpResponseMessage>> get)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var response = await get();
            if (response.StatusCode == HttpStatusCode.OK || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                return response;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            response.Dispose();
            await Task.Delay(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Primary.DisposeAsync();
        await Secondary.DisposeAsync();
    }

    private async Task SeedAsync(Azurite azurite, string unaskedServer)
    {
        var client = azurite.TableClient(Table);
        await client.CreateIfNotExistsAsync(TestContext.Current.CancellationToken);
        var store = new TableDelegationStore(client);
        foreach (var row in new[]
        {
            new DelegationRow("example.com") { Server = "matrix.example.com:443" },
            new DelegationRow("example.org") { Server = "matrix.example.org:8448" },
            new DelegationRow("*.example.net") { Server = "wild.example.net:443" },
            new DelegationRow(Unasked) { Server = unaskedServer },
        })
        {
            Assert.True(await store.TryAddAsync(row, TestContext.Current.CancellationToken));
        }
    }
}
