using System.Net;

namespace Delegation.Tests.FunctionsHost;

/// <summary>The worker started with exactly the app settings infra/ gives it, as on Azure, and shut down as the host does.</summary>
public sealed class BicepSettingsStartTests
{
    [Fact]
    public async Task Start_WithTheBicepAppSettings_AnswersAnOutageAs503AndHealthAs200AndStopsCleanly()
    {
        var settings = await BicepAppSettings.LoadAsync();
        await using var host = await FunctionsHostHarness.FunctionsHost.StartAsync(FunctionAppOutput.BuildFolder, settings);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        using var request = FunctionAppUnderHost.FromFrontDoor(HttpMethod.Get, "/.well-known/matrix/server", "example.com", "example.com", settings["FrontDoorId"]);

        // The table endpoint is https on a loopback port that refuses connections and there is no managed identity here: the read fails,
        // which must be a 503 (a federating server retries), never a 404 (it would stop federating for an hour).
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        // Front Door's probe: the app is up, so 200, though the table cannot be read (the health route reads none).
        using var probe = FunctionAppUnderHost.FromFrontDoor(HttpMethod.Head, "/healthz", FunctionAppUnderHost.AppHostName, null, settings["FrontDoorId"]);
        using var health = await client.SendAsync(probe, TestContext.Current.CancellationToken);
        var exitCode = await host.StopAsync();

        // Three documents in host and path mode, the health route and the scheduled checks.
        Assert.Equal(8, host.Functions.Count);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(0, exitCode);
    }
}
