using System.Text.Json;

namespace FunctionsHostHarness;

/// <summary>An <c>httpTrigger</c> binding as the worker reports it in <c>raw_bindings</c>.</summary>
/// <param name="Methods">The methods it accepts; <see langword="null"/> when the binding lists none (every method).</param>
internal sealed record HttpTrigger(string Route, string AuthLevel, IReadOnlyList<string>? Methods)
{
    public static HttpTrigger FromBinding(JsonElement binding, string functionName)
    {
        var route = binding.TryGetProperty("route", out var value) && value.GetString() is { Length: > 0 } text ? text : functionName;
        var authLevel = binding.TryGetProperty("authLevel", out var level) ? level.GetString() ?? "Function" : "Function";
        var methods = binding.TryGetProperty("methods", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(m => m.GetString()!).ToList()
            : null;
        return new HttpTrigger(route, authLevel, methods);
    }
}
