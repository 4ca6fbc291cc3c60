using System.Text.Json;
using Delegation.Serving;
using Delegation.Tests.Infrastructure;
using DelegationFunctions;
using Microsoft.Extensions.DependencyInjection;

namespace Delegation.Tests.Functions;

public sealed class FunctionsAppHostTests
{
    [Fact]
    public async Task Build_WithLocalSettings_ResolvesTheSharedHandler()
    {
        var azurite = await Azurite.Shared;
        Environment.SetEnvironmentVariable("DelegationStorage", azurite.ConnectionString);

        using var host = FunctionsAppHost.Build([]);

        Assert.NotNull(host.Services.GetRequiredService<WellKnownHandler>());
        Assert.NotNull(ActivatorUtilities.CreateInstance<WellKnownFunctions>(host.Services));
    }

    [Fact]
    public void BuildOutput_HostJson_HasEmptyRoutePrefix()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionAppOutput, "host.json")));

        Assert.Equal(string.Empty, hostJson.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.Equal("2.0", hostJson.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public void BuildOutput_FunctionsMetadata_ListsTheThreeRoutesAsAnonymous()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionAppOutput, "functions.metadata")));

        var triggers = metadata.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
            .ToList();
        Assert.Equal(
            [".well-known/matrix/client", ".well-known/matrix/server", ".well-known/matrix/support"],
            triggers.Select(t => t.GetProperty("route").GetString()).Order());
        Assert.All(triggers, t => Assert.Equal("Anonymous", t.GetProperty("authLevel").GetString()));
        Assert.All(triggers, t => Assert.False(t.TryGetProperty("methods", out var methods) && methods.ValueKind == JsonValueKind.Array, "every method must reach the handler, which answers 405 itself"));
    }

    [Fact]
    public void BuildOutput_HoldsWorkerConfig()
    {
        Assert.True(File.Exists(Path.Combine(FunctionAppOutput, "worker.config.json")));
    }

    private static string FunctionAppOutput
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            return RepositoryPaths.Combine("src", "DelegationFunctions", "bin", configuration, "net10.0");
        }
    }
}
