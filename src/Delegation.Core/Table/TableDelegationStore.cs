using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace Delegation.Table;

/// <summary><see cref="IDelegationStore"/> over Azure Table storage (or Azurite).</summary>
public sealed class TableDelegationStore(TableClient tableClient) : IDelegationStore
{
    /// <remarks>
    /// Only a missing row (404 <c>ResourceNotFound</c>) answers null. <c>GetEntityIfExistsAsync</c> is not used because
    /// it answers "no row" for every 404, including <c>TableNotFound</c>: a misspelt table name or a deleted table
    /// would then be served as "no delegation" for every domain, cached and never logged, instead of as an outage.
    /// </remarks>
    public async Task<DelegationRow?> GetAsync(string domain, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await tableClient.GetEntityAsync<TableEntity>(domain, string.Empty, cancellationToken: cancellationToken);
            return DelegationEntity.ToRow(response.Value);
        }
        catch (RequestFailedException ex) when (ex is { Status: 404, ErrorCode: "ResourceNotFound" })
        {
            return null;
        }
    }

    public async IAsyncEnumerable<DelegationRow> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entity in tableClient.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            yield return DelegationEntity.ToRow(entity);
        }
    }

    public async Task<bool> TryAddAsync(DelegationRow row, CancellationToken cancellationToken = default)
    {
        try
        {
            await tableClient.AddEntityAsync(DelegationEntity.FromRow(row), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<bool> TryReplaceAsync(DelegationRow row, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        try
        {
            await tableClient.UpdateEntityAsync(DelegationEntity.FromRow(row), ifMatch, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    public async Task<bool> TryDeleteAsync(string domain, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        try
        {
            await tableClient.DeleteEntityAsync(domain, string.Empty, ifMatch, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    public async Task EnsureTableAsync(CancellationToken cancellationToken = default) =>
        await tableClient.CreateIfNotExistsAsync(cancellationToken);
}
