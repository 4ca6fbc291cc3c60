using System.Text.Json;

namespace Delegation.Tests.Support;

/// <summary>Checks shared by the build output and the publish output of the function app.</summary>
internal static class FunctionAppOutput
{
    /// <summary>The plain build output, beside this test assembly's configuration.</summary>
    public static string BuildFolder
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            return RepositoryPaths.Combine("src", "DelegationFunctions", "bin", configuration, "net10.0");
        }
    }

    public static void AssertHostJsonHasEmptyRoutePrefix(string folder)
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "host.json")));

        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.Equal(string.Empty, host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    public static void AssertWorkerConfigStartsTheIsolatedWorker(string folder)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "worker.config.json")));

        var description = config.RootElement.GetProperty("description");

        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.Equal("DelegationFunctions.dll", description.GetProperty("defaultWorkerPath").GetString());
    }

    public static void AssertMetadataListsTheAnonymousRoutes(string folder)
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "functions.metadata")));

        var triggers = metadata.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
            .ToList();

        Assert.Equal(
            [
                ".well-known/matrix/client", ".well-known/matrix/server", ".well-known/matrix/support", "healthz",
                "{domain}/.well-known/matrix/client", "{domain}/.well-known/matrix/server", "{domain}/.well-known/matrix/support",
            ],
            triggers.Select(t => t.GetProperty("route").GetString()).Order(StringComparer.Ordinal));
        Assert.All(triggers, t => Assert.Equal("Anonymous", t.GetProperty("authLevel").GetString()));

        // Every method must reach the handler, which answers 405 itself.
        Assert.All(triggers, t => Assert.False(t.TryGetProperty("methods", out var methods) && methods.ValueKind == JsonValueKind.Array));
    }
}
