using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Delegation.Documents;

/// <summary>Checks <c>/.well-known/matrix/support</c> text against the spec (v1.10) before it is served.</summary>
public static class SupportDocument
{
    internal const string Rule = "must be a JSON object with a non-empty 'contacts' array or a 'support_page' URL; each contact needs a 'role' (m.role.admin, m.role.security or a namespaced role) and a 'matrix_id' starting with '@' or an 'email_address'";

    public static bool TryParse(string? text, out JsonElement document, [NotNullWhen(false)] out string? error)
    {
        document = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "must not be empty";
            return false;
        }

        if (!JsonText.TryParseObject(text, out var element, out error) || !TryValidate(element, out error))
        {
            return false;
        }

        document = element;
        return true;
    }

    private static bool TryValidate(JsonElement root, [NotNullWhen(false)] out string? error)
    {
        var hasContacts = false;
        if (root.TryGetProperty("contacts", out var contacts))
        {
            if (contacts.ValueKind != JsonValueKind.Array)
            {
                error = "'contacts' must be an array";
                return false;
            }

            var index = 0;
            foreach (var contact in contacts.EnumerateArray())
            {
                if (!TryValidateContact(contact, $"contacts[{index++}]", out error))
                {
                    return false;
                }
            }

            hasContacts = index > 0;
        }

        var hasPage = false;
        if (root.TryGetProperty("support_page", out var page))
        {
            if (page.ValueKind != JsonValueKind.String || !IsHttpUrl(page.GetString()))
            {
                error = "'support_page' must be an http:// or https:// URL";
                return false;
            }

            hasPage = true;
        }

        if (!hasContacts && !hasPage)
        {
            error = "needs a non-empty 'contacts' array or a 'support_page'";
            return false;
        }

        if (JsonText.FindEmptyObject(root, "$") is { } empty)
        {
            error = $"'{empty}' is an empty object, which Matrix clients reject";
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryValidateContact(JsonElement contact, string path, [NotNullWhen(false)] out string? error)
    {
        if (contact.ValueKind != JsonValueKind.Object)
        {
            error = $"'{path}' must be an object";
            return false;
        }

        if (!contact.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String || !IsRole(role.GetString()!))
        {
            error = $"'{path}.role' must be m.role.admin, m.role.security or a namespaced role";
            return false;
        }

        var hasMatrixId = TryGetString(contact, "matrix_id", out var matrixId);
        var hasEmail = TryGetString(contact, "email_address", out var email);
        if (hasMatrixId && !matrixId!.StartsWith('@'))
        {
            error = $"'{path}.matrix_id' must be a Matrix user ID starting with '@'";
            return false;
        }

        if (hasEmail && string.IsNullOrWhiteSpace(email))
        {
            error = $"'{path}.email_address' must not be empty";
            return false;
        }

        if (!hasMatrixId && !hasEmail)
        {
            error = $"'{path}' needs a 'matrix_id' or an 'email_address'";
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryGetString(JsonElement element, string name, out string? value)
    {
        value = null;
        if (!element.TryGetProperty(name, out var property))
        {
            return false;
        }

        value = property.ValueKind == JsonValueKind.String ? property.GetString() : string.Empty;
        return true;
    }

    private static bool IsRole(string role) =>
        role is "m.role.admin" or "m.role.security" || (!role.StartsWith("m.", StringComparison.Ordinal) && ClientExtra.IsNamespaced(role));

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
