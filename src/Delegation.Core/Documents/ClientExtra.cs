using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Delegation.Documents;

/// <summary>Extra keys merged into the client document: a JSON object of namespaced keys with no empty objects.</summary>
public static class ClientExtra
{
    internal const string Rule = "must be a JSON object whose keys are namespaced (like org.matrix.msc3575.proxy or m.tile_server), never m.homeserver or m.identity_server, with no empty objects";

    private static readonly string[] ReservedKeys = ["m.homeserver", "m.identity_server"];

    public static bool TryParse(string? text, [NotNullWhen(true)] out Dictionary<string, JsonElement>? extras, [NotNullWhen(false)] out string? error)
    {
        extras = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "must not be empty";
            return false;
        }

        if (!JsonText.TryParseObject(text, out var element, out error))
        {
            return false;
        }

        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (ReservedKeys.Contains(property.Name, StringComparer.Ordinal))
            {
                error = $"key '{property.Name}' is set by its own column (ClientBaseUrl or IdentityServerBaseUrl), not in ClientExtra";
                return false;
            }

            if (!IsNamespaced(property.Name))
            {
                error = $"key '{property.Name}' is not namespaced: use reverse-DNS like 'org.example.key' or an 'm.' key";
                return false;
            }

            if (!result.TryAdd(property.Name, property.Value))
            {
                error = $"key '{property.Name}' appears twice";
                return false;
            }

            if (JsonText.FindEmptyObject(property.Value, property.Name) is { } empty)
            {
                error = $"'{empty}' is an empty object, which Element X rejects along with the whole document";
                return false;
            }
        }

        extras = result;
        error = null;
        return true;
    }

    internal static bool IsNamespaced(string key)
    {
        if (key.Length is 0 or > 255)
        {
            return false;
        }

        var segments = key.Split('.');
        return segments.Length >= 2 && segments.All(s => s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'));
    }
}
