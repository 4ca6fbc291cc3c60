using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;

namespace Delegation.Table;

/// <summary>
/// Creates a table client from a connection string or a service URI with Entra ID, and the client options of each
/// purpose. Only <see cref="DelegationStorageServiceCollectionExtensions.AddDelegationStorage"/> calls it.
/// </summary>
public static class DelegationTableClientFactory
{
    /// <param name="credential">For a table service URI: the process's one credential, asked for only then.</param>
    internal static TableClient Create(DelegationStorageOptions options, string tableName, TableClientOptions clientOptions, Func<TokenCredential> credential)
    {
        if (options.TableServiceUri is { } uri)
        {
            return new TableServiceClient(uri, credential(), clientOptions).GetTableClient(tableName);
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException("No table storage is configured: set DelegationStorage to a connection string (UseDevelopmentStorage=true for Azurite) or DelegationStorage__tableServiceUri to the table endpoint.");
        }

        return new TableServiceClient(options.ConnectionString, clientOptions).GetTableClient(tableName);
    }

    /// <summary>
    /// A <see cref="DefaultAzureCredential"/>. It reads AZURE_TOKEN_CREDENTIALS in its constructor and throws on a value it
    /// does not know: that becomes one line naming the variable.
    /// </summary>
    public static DefaultAzureCredential CreateCredential()
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

    /// <summary>Client options for the command-line tool: two retries, and a person waits at most half a minute for a try.</summary>
    public static TableClientOptions ForTool()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return options;
    }
}
