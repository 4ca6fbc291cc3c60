namespace Delegation.Names;

/// <summary>IPv4 dotted-quad checks, strict: four decimal octets 0-255.</summary>
internal static class Ipv4
{
    /// <summary>True when the text is only digits and dots, so a DNS reading of it would be misleading.</summary>
    public static bool LooksLikeAddress(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c != '.' && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValid(ReadOnlySpan<char> text)
    {
        var octets = 0;
        foreach (var range in text.Split('.'))
        {
            var octet = text[range];
            if (octet.IsEmpty || octet.Length > 3 || !int.TryParse(octet, out var value) || value > 255)
            {
                return false;
            }

            octets++;
        }

        return octets == 4;
    }
}
