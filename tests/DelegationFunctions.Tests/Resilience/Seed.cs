using Azure.Data.Tables;
using Delegation.Table;

namespace Delegation.Tests.Resilience;

/// <summary>Demo rows for the resilience tests, written through the real store.</summary>
internal static class Seed
{
    public const string Server = "matrix.example.com:443";

    public static async Task RowsAsync(TableClient table, params string[] domains)
    {
        var store = new TableDelegationStore(table);
        foreach (var domain in domains)
        {
            Assert.True(await store.TryAddAsync(new DelegationRow(domain) { Server = Server }));
        }
    }
}
