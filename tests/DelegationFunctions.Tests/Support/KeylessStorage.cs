using System.Diagnostics;

namespace Delegation.Tests.Support;

/// <summary>
/// Table storage without keys, as the function app and an admin meet it on Azure: a keyless Azurite (https, bearer
/// tokens checked) and the App Service managed identity endpoint that <c>DefaultAzureCredential</c> reaches through
/// <c>IDENTITY_ENDPOINT</c>/<c>IDENTITY_HEADER</c>. Processes started with <see cref="Apply"/> see only that identity.
/// The keyless Azurite is the run's shared one (<see cref="AzuriteFixture"/>; tests keep apart by their tables); each
/// test class gets its own identity endpoint, whose answer and request count its tests steer and read.
/// </summary>
public sealed class KeylessStorage(AzuriteFixture azurites) : IAsyncLifetime
{
    /// <summary>
    /// Everything DefaultAzureCredential reads before it reaches the managed identity, and the identity sources other
    /// than App Service's (Azure.Identity EnvironmentCredential, WorkloadIdentityCredential; MSAL's managed identity
    /// source detection), so a developer's own sign-in or a CI identity never answers in a test's place.
    /// </summary>
    public static readonly string[] CredentialVariables =
    [
        "AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH",
        "AZURE_CLIENT_CERTIFICATE_PASSWORD", "AZURE_CLIENT_SEND_CERTIFICATE_CHAIN", "AZURE_USERNAME", "AZURE_PASSWORD",
        "AZURE_FEDERATED_TOKEN_FILE", "AZURE_AUTHORITY_HOST", "AZURE_TOKEN_CREDENTIALS", "AZURE_POD_IDENTITY_AUTHORITY_HOST",
        "IDENTITY_ENDPOINT", "IDENTITY_HEADER", "IDENTITY_SERVER_THUMBPRINT", "IMDS_ENDPOINT", "MSI_ENDPOINT", "MSI_SECRET",
    ];

    private static readonly string[] StorageVariables = ["DelegationStorage", "DelegationStorage__tableServiceUri", "DelegationStorageSecondary", "DelegationStorageSecondary__tableServiceUri", "DelegationTable", "DelegationChecks__Table"];

    internal Azurite Azurite { get { Azurite.SkipIfNodeMissing(); return field; } private set; } = null!;

    internal ManagedIdentityEndpoint Identity { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Identity = await ManagedIdentityEndpoint.StartAsync();
        if (Azurite.MissingNodeReason is null)
        {
            Azurite = await azurites.GetKeylessAsync();
        }
    }

    public async ValueTask DisposeAsync() => await Identity.DisposeAsync();

    /// <summary>
    /// The environment of a process on Flex Consumption: the managed identity (unless <paramref name="withIdentity"/>
    /// is false: no identity at all), trust in the test authority through <c>SSL_CERT_FILE</c>, no other credential
    /// and no storage settings but <paramref name="settings"/>.
    /// </summary>
    internal ProcessStartInfo Apply(ProcessStartInfo start, bool withIdentity = true, IReadOnlyDictionary<string, string>? settings = null)
    {
        foreach (var name in CredentialVariables.Concat(StorageVariables))
        {
            start.Environment.Remove(name);
        }

        start.Environment["SSL_CERT_FILE"] = TestCertificates.AuthorityPemFile;
        foreach (var (name, value) in (withIdentity ? Identity.Environment : new Dictionary<string, string>()).Concat(settings ?? new Dictionary<string, string>()))
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>App settings for a worker started by the harness, which adds them to this process's environment: the same picture as <see cref="Apply"/>.</summary>
    internal Dictionary<string, string> AppSettings(bool withIdentity = true)
    {
        var settings = CredentialVariables.ToDictionary(name => name, _ => string.Empty);
        settings["SSL_CERT_FILE"] = TestCertificates.AuthorityPemFile;
        if (withIdentity)
        {
            foreach (var (name, value) in Identity.Environment)
            {
                settings[name] = value;
            }
        }

        return settings;
    }
}
