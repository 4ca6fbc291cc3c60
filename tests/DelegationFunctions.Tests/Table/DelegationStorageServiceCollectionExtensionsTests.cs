using Azure.Core;
using Delegation.Checks;
using Delegation.Serving;
using Delegation.Table;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Delegation.Tests.Table;

/// <summary>The one storage wiring: the host's credential for every table, and settings refused in one line each.</summary>
public sealed class DelegationStorageServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddDelegationServingAndChecks_HostCredential_EveryTableAsksIt()
    {
        var credential = new RefusingCredential();
        await using var services = Services(
            new() { [DelegationStorageOptions.TableServiceUriKey] = "https://127.0.0.1:1/", [DelegationStorageOptions.SecondaryTableServiceUriKey] = "https://127.0.0.1:2/" },
            s => s.AddSingleton<TokenCredential>(credential));
        var cancellationToken = TestContext.Current.CancellationToken;

        await Assert.ThrowsAsync<CredentialAskedException>(() => services.GetRequiredService<IDelegationStore>().GetAsync("example.com", cancellationToken));
        await Assert.ThrowsAsync<CredentialAskedException>(() => services.GetRequiredService<SecondaryDelegationStore>().Store!.GetAsync("example.com", cancellationToken));
        await Assert.ThrowsAsync<CredentialAskedException>(() => services.GetRequiredService<ICheckResultStore>().EnsureTableAsync(cancellationToken));

        Assert.Equal(3, credential.Asked);
        Assert.Single(services.GetServices<TokenCredential>());
    }

    [Fact]
    public async Task AddDelegationStorage_NoSecondarySetting_NoSecondaryStore()
    {
        await using var services = Services(new() { [DelegationStorageOptions.ConnectionStringKey] = "UseDevelopmentStorage=true" });

        Assert.Same(SecondaryDelegationStore.None, services.GetRequiredService<SecondaryDelegationStore>());
    }

    [Theory]
    [InlineData(DelegationStorageOptions.TableKey, "bad_name!", "Setting DelegationTable 'bad_name!' is invalid: a table name is 3-63 letters and digits")]
    [InlineData(DelegationStorageOptions.ChecksTableKey, "x", "Setting DelegationChecks__Table 'x' is invalid: a table name is 3-63 letters and digits")]
    [InlineData(DelegationStorageOptions.TableServiceUriKey, "http://account.table.core.windows.net", "Setting DelegationStorage__tableServiceUri 'http://account.table.core.windows.net' is invalid: it must be the table endpoint as an https URL")]
    [InlineData(DelegationStorageOptions.TableServiceUriKey, "nonsense", "Setting DelegationStorage__tableServiceUri 'nonsense' is invalid: it must be the table endpoint as an https URL")]
    [InlineData(DelegationStorageOptions.ConnectionStringKey, "AccountKey=secret", "Setting DelegationStorage is not a storage connection string: ")]
    public async Task PrimaryOptions_InvalidSetting_OneLineNamingTheSetting(string key, string value, string expected)
    {
        await using var services = Services(new() { [key] = value });

        var failure = Assert.Single(Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DelegationStorageOptions>>().Value).Failures);
        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", failure, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure);
    }

    [Fact]
    public async Task HostStart_InvalidTableSetting_StopsWithTheOneLine()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [DelegationStorageOptions.TableKey] = "bad_name!" });
        builder.Services.AddDelegationServing().AddDelegationChecks();
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.StartsWith("Setting DelegationTable 'bad_name!' is invalid:", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondaryOptions_InvalidUri_NamesTheSecondarySetting()
    {
        await using var services = Services(new() { [DelegationStorageOptions.SecondaryTableServiceUriKey] = "ftp://account-secondary.table.core.windows.net" });

        var failure = Assert.Single(Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptionsMonitor<DelegationStorageOptions>>().Get(DelegationStorageOptions.Secondary)).Failures);
        Assert.StartsWith("Setting DelegationStorageSecondary__tableServiceUri 'ftp://account-secondary.table.core.windows.net' is invalid:", failure, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings, Action<IServiceCollection>? host = null)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        host?.Invoke(services);
        return services.AddDelegationServing().AddDelegationChecks().BuildServiceProvider();
    }

    private sealed class RefusingCredential : TokenCredential
    {
        public int Asked { get; private set; }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw Ask();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw Ask();

        private CredentialAskedException Ask()
        {
            Asked++;
            return new CredentialAskedException();
        }
    }

    private sealed class CredentialAskedException : Exception;
}
