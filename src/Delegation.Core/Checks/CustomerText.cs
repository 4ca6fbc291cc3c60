using System.Globalization;
using System.Text;

namespace Delegation.Checks;

/// <summary>
/// Text a customer controls (documents, headers, certificates, DNS) is data: before it is shown, stored or logged,
/// control and invisible formatting characters are written as escapes and its length is capped, so it can neither
/// drive a terminal (ESC, BEL, CR, LF) nor flood a log.
/// </summary>
internal static class CustomerText
{
    /// <summary>The most characters of one quoted value that are kept.</summary>
    public const int MaxQuoted = 200;

    /// <summary>The most characters of a whole message (a step's summary, a log line) that are kept.</summary>
    public const int MaxMessage = 2000;

    /// <summary>One quoted value: escaped and cut to <see cref="MaxQuoted"/> characters.</summary>
    public static string Quote(string? value) => Escape(value, MaxQuoted);

    /// <summary>
    /// Escapes control characters (<c>\x1b</c>), invisible formatting and separator characters and lone surrogates
    /// (<c>\u202e</c>), and keeps at most <paramref name="maxLength"/> characters of <paramref name="text"/>, saying
    /// how many were left out. Backslashes are kept as they are, so escaping twice changes nothing.
    /// </summary>
    public static string Escape(string? text, int maxLength = MaxMessage)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var kept = text.Length <= maxLength ? text.Length : char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        var escaped = new StringBuilder(kept + 16);
        for (var i = 0; i < kept; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                escaped.Append(c).Append(text[++i]);
                continue;
            }

            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control && c < 0x100)
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate)
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        if (kept < text.Length)
        {
            escaped.Append(CultureInfo.InvariantCulture, $"… ({text.Length - kept} more characters)");
        }

        return escaped.ToString();
    }
}
