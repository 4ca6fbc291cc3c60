using System.Text;

namespace Delegation.Names;

/// <summary>
/// Judges the first segment of a path-mode request (<c>/{domain}/.well-known/matrix/...</c>) as the client sent it,
/// percent-encoding and case intact. The canonical segment is the domain as the table keys it (<see cref="DomainName"/>):
/// lower-case ASCII, A-labels, no port, no trailing dot, nothing percent-encoded; so each domain has one path, and an
/// edge cache one key per domain.
/// </summary>
internal static class PathDomain
{
    /// <summary>
    /// Classifies <paramref name="segment"/>; for <see cref="PathDomainForm.Canonical"/> and
    /// <see cref="PathDomainForm.Redirect"/>, <paramref name="domain"/> is the canonical segment, written into
    /// <paramref name="buffer"/> (at least <see cref="DomainName.MaxLength"/> characters).
    /// </summary>
    public static PathDomainForm Classify(ReadOnlySpan<char> segment, Span<char> buffer, out ReadOnlySpan<char> domain)
    {
        domain = default;
        if (segment.IsEmpty || segment.Length > DomainName.MaxHostLength)
        {
            return PathDomainForm.Invalid;
        }

        Span<char> decoded = stackalloc char[segment.Length];
        if (!Uri.TryUnescapeDataString(segment, decoded, out var written))
        {
            return PathDomainForm.Invalid;
        }

        // Only case and percent-encoding may differ from the key: what the host normaliser strips or maps (a port, a
        // trailing dot, a Unicode name and its A-label) makes the segment another path for the same row, so it is refused.
        var name = decoded[..written];
        if (!Ascii.IsValid(name) || !DomainName.TryNormalizeHost(name, buffer, out var normalized) || !Ascii.EqualsIgnoreCase(name, normalized))
        {
            return PathDomainForm.Invalid;
        }

        normalized.CopyTo(buffer);
        domain = buffer[..normalized.Length];
        return segment.SequenceEqual(domain) ? PathDomainForm.Canonical : PathDomainForm.Redirect;
    }
}
