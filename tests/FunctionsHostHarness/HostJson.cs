using System.Text.Json;

namespace FunctionsHostHarness;

/// <summary>What the host reads from the app's host.json: the HTTP route prefix (default <c>api</c>).</summary>
internal static class HostJson
{
    public static string RoutePrefix(string appDirectory)
    {
        var path = Path.Combine(appDirectory, "host.json");
        if (!File.Exists(path))
        {
            return "api";
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var prefix)
            ? prefix.GetString()?.Trim('/') ?? "api"
            : "api";
    }
}
