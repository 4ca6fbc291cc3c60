namespace Delegation.Checks;

/// <summary>
/// What one domain's check saw beyond its steps: the documents fetched (with their redirects and time taken), the
/// delegated server name and the certificate of the homeserver that answered. The watch grades these; <c>check</c>
/// prints only the steps.
/// </summary>
internal sealed class CheckFacts
{
    private readonly Lock _lock = new();
    private readonly List<FetchedDocument> _documents = [];

    /// <summary>The valid m.server of the server well-known, when there was one.</summary>
    public Names.ServerName? Delegated { get; set; }

    /// <summary>The certificate of the federation target that answered.</summary>
    public CertificateInfo? FederationCertificate { get; set; }

    public IReadOnlyList<FetchedDocument> Documents
    {
        get
        {
            lock (_lock)
            {
                return [.. _documents];
            }
        }
    }

    /// <summary>Called by the server, client and support checks, which run at the same time.</summary>
    public void Fetched(string document, WellKnownFetch fetch)
    {
        lock (_lock)
        {
            _documents.Add(new FetchedDocument(document, fetch));
        }
    }
}
