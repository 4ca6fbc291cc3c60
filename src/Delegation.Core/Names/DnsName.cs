using System.Diagnostics.CodeAnalysis;

namespace Delegation.Names;

/// <summary>Checks an ASCII DNS name: letters, digits, '-' and '.', labels of 1-63 characters, at most 255 in all.</summary>
internal static class DnsName
{
    public const int MaxLength = 255;
    public const int MaxLabelLength = 63;

    public static bool IsValidAscii(ReadOnlySpan<char> name, [NotNullWhen(false)] out string? error)
    {
        if (name.IsEmpty)
        {
            error = "the host name must not be empty";
            return false;
        }

        if (name.Length > MaxLength)
        {
            error = $"the host name must be at most {MaxLength} characters";
            return false;
        }

        var labelLength = 0;
        foreach (var c in name)
        {
            if (c == '.')
            {
                if (labelLength == 0)
                {
                    error = "the host name must not have an empty label (no leading, trailing or double '.')";
                    return false;
                }

                labelLength = 0;
                continue;
            }

            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                error = $"the host name may hold only letters, digits, '-' and '.', not '{c}'";
                return false;
            }

            if (++labelLength > MaxLabelLength)
            {
                error = $"each label of the host name must be at most {MaxLabelLength} characters";
                return false;
            }
        }

        if (labelLength == 0)
        {
            error = "the host name must not have an empty label (no leading, trailing or double '.')";
            return false;
        }

        error = null;
        return true;
    }
}
