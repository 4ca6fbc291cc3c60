using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;

namespace Delegation.Table;

/// <summary><see cref="IDelegationStore"/> over Azure Table storage (or Azurite).</summary>
public sealed class TableDelegationStore(TableClient tableClient) : IDelegationStore
{
    /// <remarks>
    /// A 404 for a table that does not exist (a misspelt table name, a deleted table) is thrown as the storage failure
    /// it is. <c>GetEntityIfExistsAsync</c> answers "no row" for every 404, so without this check the service would
    /// answer "no delegation" for every domain, cache it and never log why. Storage sends the error code in the
    /// <c>x-ms-error-code</c> header (REST API "Status and error codes", version 2017-07-29 and later).
    /// </remarks>
    public async Task<DelegationRow?> GetAsync(string domain, CancellationToken cancellationToken = default)
    {
        var response = await tableClient.GetEntityIfExistsAsync<TableEntity>(domain, string.Empty, cancellationToken: cancellationToken);
        if (response.HasValue)
        {
            return DelegationEntity.ToRow(response.Value!);
        }

        var raw = response.GetRawResponse();
        return raw.Headers.TryGetValue("x-ms-error-code", out var errorCode) && errorCode == TableErrorCode.TableNotFound.ToString()
            ? throw new RequestFailedException(raw.Status, $"The table '{tableClient.Name}' does not exist.", errorCode, innerException: null)
            : null;
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
