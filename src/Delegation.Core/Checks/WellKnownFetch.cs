namespace Delegation.Checks;

/// <summary>A fetch with its redirects: every response seen, the last one, and why it is unusable when it is.</summary>
internal sealed record WellKnownFetch(IReadOnlyList<ProbeResponse> Responses, string? Error)
{
    /// <summary>From the first request to the last byte of the last response, redirects included.</summary>
    public TimeSpan Elapsed { get; init; }

    public ProbeResponse Final => Responses[^1];

    /// <summary>One line per redirect followed, for the report.</summary>
    public IEnumerable<string> Redirects => Responses.Take(Responses.Count - 1)
        .Select(r => $"{r.Target.DisplayUrl} answered {r.Status} -> {r.Header("Location")}");
}
