using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;

namespace Delegation.Tests.Serving;

/// <summary>The outage rows of docs/reference.md, "Answers": never a 404 for an outage; a cached answer survives it.</summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task Get_StorageUnreachableNothingCached_Answers503WithRetryAfterAndNoStore()
    {
        await using var host = await ServingHost.StartWithUnreachableStorageAsync(ServedTable.Settings);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/matrix/server");
        request.Headers.Host = "example.com";

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("17", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Options_StorageUnreachable_Answers204WithoutLookingUp()
    {
        await using var host = await ServingHost.StartWithUnreachableStorageAsync(ServedTable.Settings);
        using var request = new HttpRequestMessage(HttpMethod.Options, "/.well-known/matrix/server");
        request.Headers.Host = "example.com";

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Get_StorageFailsAfterEntryWasCached_AnswersTheCachedDocument()
    {
        await using var azurite = await Azurite.StartAsync();
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(new TableEntity("example.com", string.Empty) { ["Server"] = "matrix.example.com:443" }, TestContext.Current.CancellationToken);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = new Dictionary<string, string?>(ServedTable.Settings) { ["Delegation:CacheSeconds"] = "60" };
        await using var host = await ServingHost.StartAsync(azurite.ConnectionString, table.Name, settings, time: time);
        using var before = await host.GetServerAsync("example.com", TestContext.Current.CancellationToken);
        await azurite.StopAsync();
        time.Advance(TimeSpan.FromSeconds(61));

        using var during = await host.GetServerAsync("example.com", TestContext.Current.CancellationToken);
        using var unknown = await host.GetServerAsync("never-seen.example", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.Equal(await before.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await during.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unknown.StatusCode);
    }
}
