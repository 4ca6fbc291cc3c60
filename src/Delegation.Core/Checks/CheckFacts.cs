namespace Delegation.Checks;

/// <summary>
/// What one domain's check saw beyond its steps: the documents fetched (with their redirects and time taken), the
/// delegated server name, the certificate of the homeserver that answered, and what each section is doing right now.
/// The watch grades these; <c>check</c> prints only the steps.
/// </summary>
internal sealed class CheckFacts
{
    private static readonly string[] Sections = ["server", "client", "support"];
    private readonly Lock _lock = new();
    private readonly List<FetchedDocument> _documents = [];
    private readonly Dictionary<string, string> _inProgress = [];

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
    public void Fetched(string document, RedirectChain chain)
    {
        lock (_lock)
        {
            _documents.Add(new FetchedDocument(document, chain));
        }
    }

    /// <summary>What the sections still running are doing, server first: <c>federation: GET ... on host:port (target 2 of 8)</c>.</summary>
    public IReadOnlyList<string> InProgress
    {
        get
        {
            lock (_lock)
            {
                return [.. Sections.Where(_inProgress.ContainsKey).Select(s => _inProgress[s])];
            }
        }
    }

    /// <summary>Called before each step that waits on the network, so a deadline can say where the check was.</summary>
    public void Begin(string section, string step, string doing)
    {
        lock (_lock)
        {
            _inProgress[section] = $"{step}: {doing}";
        }
    }

    public void Finished(string section)
    {
        lock (_lock)
        {
            _inProgress.Remove(section);
        }
    }
}
