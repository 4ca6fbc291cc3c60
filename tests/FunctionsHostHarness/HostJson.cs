using System.Text.Json;

namespace FunctionsHostHarness;

/// <summary>
/// What the host reads from the app's host.json: the HTTP route prefix (default <c>api</c>) and the custom headers it
/// adds to every response (<c>extensions.http.customHeaders</c>).
/// </summary>
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

    public static IReadOnlyDictionary<string, string> CustomHeaders(string appDirectory)
    {
        var path = Path.Combine(appDirectory, "host.json");
        if (!File.Exists(path))
        {
            return new Dictionary<string, string>();
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("customHeaders", out var headers)
            ? headers.EnumerateObject().ToDictionary(header => header.Name, header => header.Value.GetString() ?? string.Empty)
            : new Dictionary<string, string>();
    }
}
