using System.Net;

namespace Delegation.Checks;

/// <summary>What happened on the way to a server: addresses found, where we connected, the certificate, the failure.</summary>
internal sealed class ConnectionInfo
{
    /// <summary>The --via line ("fetched via http://127.0.0.1:8080 (Host: example.com)"), when the request went there.</summary>
    public string? Via { get; set; }

    public string? AddressSource { get; set; }

    public IReadOnlyList<IPEndPoint> Addresses { get; set; } = [];

    public IPEndPoint? ConnectedTo { get; set; }

    public CertificateInfo? Certificate { get; set; }

    public string? Failure { get; set; }

    /// <summary>True when the outbound address policy refused every address (<see cref="AddressPolicy"/>).</summary>
    public bool Refused { get; set; }

    /// <summary>Addresses the policy refused while others were allowed, with the reason.</summary>
    public IReadOnlyList<string> RefusedAddresses { get; set; } = [];

    public IEnumerable<string> Describe()
    {
        if (Via is not null)
        {
            yield return Via;
        }

        if (Addresses.Count > 0)
        {
            yield return $"addresses ({AddressSource}): {string.Join(", ", Addresses)}";
        }

        foreach (var refused in RefusedAddresses)
        {
            yield return $"refused: {refused}";
        }

        if (ConnectedTo is not null)
        {
            yield return $"connected to {ConnectedTo}";
        }

        if (Certificate is not null)
        {
            yield return Certificate.ToString();
        }
    }
}
