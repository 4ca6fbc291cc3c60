using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Delegation.Documents;

/// <summary>Reads admin-supplied JSON text into a standalone element and finds empty objects in it.</summary>
internal static class JsonText
{
    public static bool TryParseObject(string text, out JsonElement element, [NotNullWhen(false)] out string? error)
    {
        element = default;
        try
        {
            using var document = JsonDocument.Parse(text, DocumentJsonContext.Reading);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = $"must be a JSON object, not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}";
                return false;
            }

            element = document.RootElement.Clone();
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = $"is not valid JSON ({ex.Message})";
            return false;
        }
    }

    /// <summary>The JSON path of the first empty object inside <paramref name="element"/>, or null.</summary>
    public static string? FindEmptyObject(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var any = false;
                foreach (var property in element.EnumerateObject())
                {
                    any = true;
                    if (FindEmptyObject(property.Value, $"{path}.{property.Name}") is { } found)
                    {
                        return found;
                    }
                }

                return any ? null : path;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindEmptyObject(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
