using Delegation.Table;

namespace Delegation.Cli.Common;

/// <summary>The one line the tool prints when table storage fails: where, what, and what to do about it.</summary>
internal static class StorageErrorLine
{
    public static string For(StorageFailure failure, DelegationStorageOptions storage)
    {
        var keyless = storage.TableServiceUri is not null;
        var advice = failure.Kind switch
        {
            StorageFailureKind.AccessDenied or StorageFailureKind.NoCredential or StorageFailureKind.CredentialFailed => keyless
                ? " Sign in with 'az login' (or run where a managed identity is available) as an identity that has the role Storage Table Data Contributor on the table, or use --connection-string."
                : " Check the connection string's account name and key, or use --table-service-uri after 'az login'.",
            StorageFailureKind.Unreachable or StorageFailureKind.Timeout => keyless
                ? " Check the endpoint and the network."
                : " Check the endpoint and the network; for the local quick start, start Azurite.",
            StorageFailureKind.Throttled or StorageFailureKind.ServerError => " Try again in a minute.",
            StorageFailureKind.Unreadable => " Check the endpoint: something other than the Table service (a proxy, a captive portal) may answer there.",
            StorageFailureKind.TableNotFound => $" Check --table ('{storage.TableName}'); create the table with the Bicep template or run 'delegation set' once.",
            _ => string.Empty,
        };
        return $"Storage error at {storage.Endpoint()}: {failure.Description}.{advice}";
    }
}
