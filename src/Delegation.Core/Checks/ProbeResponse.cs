using System.Globalization;

namespace Delegation.Checks;

/// <summary>One HTTP exchange as the check saw it; <see cref="Error"/> is set when there was no usable answer.</summary>
internal sealed record ProbeResponse(
    ProbeTarget Target,
    ConnectionInfo Connection,
    int? Status,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    string? Error)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public IEnumerable<string> HeaderValues(string name) => Header(name) is { } value ? [value] : [];

    public string StatusLine => Status is { } status
        ? $"{status.ToString(CultureInfo.InvariantCulture)}, {Body.Length.ToString(CultureInfo.InvariantCulture)} bytes, Content-Type: {CustomerText.Quote(Header("Content-Type") ?? "(none)")}"
        : "no response";
}
