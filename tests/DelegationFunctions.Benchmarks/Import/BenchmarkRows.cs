using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;

namespace Delegation.Benchmarks.Import;

/// <summary>The same synthetic rows for both sides of the benchmark.</summary>
internal static class BenchmarkRows
{
    public static string Domain(int i) => string.Create(CultureInfo.InvariantCulture, $"d{i:D6}.example.com");

    public static string Server(int i) => string.Create(CultureInfo.InvariantCulture, $"matrix{i}.example.net:443");

    public static string BaseUrl(int i) => string.Create(CultureInfo.InvariantCulture, $"https://matrix{i}.example.net");

    public static string JsonLine(int i) =>
        $$"""{"PartitionKey":{{JsonSerializer.Serialize(Domain(i))}},"Server":{{JsonSerializer.Serialize(Server(i))}},"ClientBaseUrl":{{JsonSerializer.Serialize(BaseUrl(i))}}}""";

    public static TableEntity Entity(int i) => new(Domain(i), string.Empty)
    {
        ["Server"] = Server(i),
        ["ClientBaseUrl"] = BaseUrl(i),
    };

    public static async Task<int> CountAsync(TableClient table)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }
}
