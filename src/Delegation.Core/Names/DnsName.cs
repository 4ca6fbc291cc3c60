using System.Diagnostics.CodeAnalysis;

namespace Delegation.Names;

/// <summary>
/// Checks an ASCII DNS name: letters, digits, '-' and '.', labels of 1-63 characters, at most 255 in all; a host name
/// (a domain the table keys) also has no label that starts or ends with '-'.
/// </summary>
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

    /// <summary>
    /// A valid ASCII name whose labels also start and end with a letter or digit (RFC 1123), the rule IDNA applies to
    /// Unicode names, so an ASCII domain is held to the same rule as a Unicode one; a label that claims to be an A-label
    /// (starts with <c>xn--</c>) must be one.
    /// </summary>
    public static bool IsValidHostName(ReadOnlySpan<char> name, [NotNullWhen(false)] out string? error)
    {
        if (!IsValidAscii(name, out error))
        {
            return false;
        }

        foreach (var range in name.Split('.'))
        {
            var label = name[range];
            if (label[0] == '-' || label[^1] == '-')
            {
                error = "each label of the host name must start and end with a letter or digit, not '-'";
                return false;
            }

            if (label.StartsWith(DomainName.AcePrefix, StringComparison.OrdinalIgnoreCase) && !DomainName.IsALabel(label))
            {
                error = $"the label '{label}' starts with '{DomainName.AcePrefix}' but is not a valid A-label (it does not decode to Unicode and back); write the name in Unicode, or copy its A-label exactly";
                return false;
            }
        }

        return true;
    }
}
