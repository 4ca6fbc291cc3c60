using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Delegation.Table;

/// <summary>Creates the one table client a process uses, from a connection string or a service URI with Entra ID.</summary>
public static class DelegationTableClientFactory
{
    public static DelegationStorageOptions ReadOptions(IConfiguration configuration) =>
        Read(configuration, DelegationStorageOptions.ConnectionStringKey, DelegationStorageOptions.TableServiceUriKey);

    /// <summary>
    /// The read-access geo-redundant secondary endpoint of the same table, or null when none is configured. It holds
    /// the primary's rows as of the account's Last Sync Time, and it only serves reads.
    /// </summary>
    public static DelegationStorageOptions? ReadSecondaryOptions(IConfiguration configuration)
    {
        var options = Read(configuration, DelegationStorageOptions.SecondaryConnectionStringKey, DelegationStorageOptions.SecondaryTableServiceUriKey);
        return options.TableServiceUri is null && string.IsNullOrWhiteSpace(options.ConnectionString) ? null : options;
    }

    private static DelegationStorageOptions Read(IConfiguration configuration, string connectionStringKey, string tableServiceUriKey)
    {
        var options = new DelegationStorageOptions
        {
            ConnectionString = configuration[connectionStringKey],
            TableName = configuration[DelegationStorageOptions.TableKey] is { Length: > 0 } table ? table : DelegationStorageOptions.DefaultTable,
        };
        if (configuration[tableServiceUriKey] is { Length: > 0 } uri)
        {
            options.TableServiceUri = DelegationStorageOptions.CheckTableServiceUri(uri) is { } problem
                ? throw new InvalidOperationException($"Setting {tableServiceUriKey.Replace(":", "__", StringComparison.Ordinal)} '{uri}' is invalid: {problem}")
                : new Uri(uri);
        }

        return options;
    }

    /// <param name="credential">For a table service URI; the process's one credential, else a new <see cref="DefaultAzureCredential"/>.</param>
    public static TableClient Create(DelegationStorageOptions options, TableClientOptions? clientOptions = null, TokenCredential? credential = null)
    {
        clientOptions ??= new TableClientOptions();
        if (options.TableServiceUri is { } uri)
        {
            return new TableServiceClient(uri, credential ?? DefaultCredential(), clientOptions).GetTableClient(options.TableName);
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException("No table storage is configured: set DelegationStorage to a connection string (UseDevelopmentStorage=true for Azurite) or DelegationStorage__tableServiceUri to the table endpoint.");
        }

        return new TableServiceClient(options.ConnectionString, clientOptions).GetTableClient(options.TableName);
    }

    // DefaultAzureCredential reads AZURE_TOKEN_CREDENTIALS in its constructor and throws on a value it does not know.
    private static DefaultAzureCredential DefaultCredential()
    {
        try
        {
            return new DefaultAzureCredential();
        }
        catch (InvalidOperationException ex)
        {
            var value = Environment.GetEnvironmentVariable("AZURE_TOKEN_CREDENTIALS");
            throw new InvalidOperationException($"Environment variable AZURE_TOKEN_CREDENTIALS '{value}' is invalid: {ex.Message.Split('\n')[0].Trim()} Unset it, or name one credential such as ManagedIdentityCredential or AzureCliCredential.", ex);
        }
    }

    /// <summary>Client options for the request path: one quick retry, and a network timeout the resolver also enforces.</summary>
    public static TableClientOptions ForServing(TimeSpan timeout)
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 1;
        options.Retry.Mode = RetryMode.Fixed;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.NetworkTimeout = timeout;
        return options;
    }
}
