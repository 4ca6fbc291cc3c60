using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace Delegation.Checks;

/// <summary><see cref="ICheckResultStore"/> over Azure Table storage (or Azurite).</summary>
internal sealed class TableCheckResultStore(TableClient tableClient) : ICheckResultStore
{
    public const string DefaultTable = "delegationchecks";

    public async Task RecordAsync(CheckResult result, CancellationToken cancellationToken = default) =>
        await tableClient.UpsertEntityAsync(CheckResultEntity.From(result), TableUpdateMode.Replace, cancellationToken);

    public async IAsyncEnumerable<CheckResult> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var pages = tableClient.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken).AsPages().GetAsyncEnumerator(cancellationToken);
        while (await NextPageAsync(pages))
        {
            foreach (var entity in pages.Current.Values)
            {
                if (CheckResultEntity.ToResult(entity) is { } result)
                {
                    yield return result;
                }
            }
        }
    }

    public async Task EnsureTableAsync(CancellationToken cancellationToken = default) =>
        await tableClient.CreateIfNotExistsAsync(cancellationToken);

    private static async Task<bool> NextPageAsync(IAsyncEnumerator<Page<TableEntity>> pages)
    {
        try
        {
            return await pages.MoveNextAsync();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No table yet: nothing was ever recorded.
            return false;
        }
    }
}
