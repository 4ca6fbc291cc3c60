namespace Delegation.Checks;

/// <summary>One GET and the redirects it followed: every response seen, the last one, and why it is unusable when it is.</summary>
internal sealed record RedirectChain(IReadOnlyList<ProbeResponse> Responses, string? Error)
{
    /// <summary>From the first request to the last byte of the last response, redirects included.</summary>
    public TimeSpan Elapsed { get; init; }

    public ProbeResponse Final => Responses[^1];

    /// <summary>True when the outbound policy refused to go on: a customer-named address, or a redirect from https to http.</summary>
    public bool Refused { get; init; }

    /// <summary>The 30x responses followed, in order.</summary>
    public IEnumerable<ProbeResponse> Hops => Responses.Take(Responses.Count - 1);

    /// <summary>One line per redirect followed, for the report.</summary>
    public IEnumerable<string> Redirects => Hops.Select(r => $"{r.Target.DisplayUrl} answered {r.Status} -> {CustomerText.Quote(r.Header("Location"))}");

    /// <summary>One line per redirect with its CORS header, for documents that browsers fetch.</summary>
    public IEnumerable<string> RedirectsWithCors => Hops.Select(r =>
        $"{r.Target.DisplayUrl} answered {r.Status} -> {CustomerText.Quote(r.Header("Location"))} (Access-Control-Allow-Origin: {CustomerText.Quote(r.Header("Access-Control-Allow-Origin") ?? "missing")})");

    /// <summary>The first redirect a browser refuses to follow for a script: one without Access-Control-Allow-Origin.</summary>
    public ProbeResponse? RedirectWithoutCors => Hops.FirstOrDefault(r => r.Header("Access-Control-Allow-Origin") is null);

    /// <summary>
    /// Why the chain is wrong for <paramref name="domain"/> when a redirect leads to the path-mode URL of another domain
    /// (<c>https://provider/other.example/.well-known/matrix/server</c>): a copied rule that names the wrong domain.
    /// <paramref name="consequence"/> says what that does to the document's readers.
    /// </summary>
    public string? ForeignPathMode(string domain, string consequence)
    {
        foreach (var response in Responses.Skip(1))
        {
            if (PathModeUrl.DomainOf(response.Target.PathAndQuery) is { } served && !string.Equals(served, domain, StringComparison.OrdinalIgnoreCase))
            {
                return $"the redirect leads to {response.Target.DisplayUrl}, the path-mode URL of {served}, not of {domain}: {consequence}; the redirect must name /{domain}/";
            }
        }

        return null;
    }
}
