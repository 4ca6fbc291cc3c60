using Delegation.Names;

namespace Delegation.Checks;

/// <summary>
/// GET with redirects followed by hand: a hop cap, loop detection, one request timeout for the whole chain (as Go's client
/// timeout covers redirects), and each hop's TLS checked for its own name. With <paramref name="via"/>, the domain's
/// own well-known URLs go to the operator's origin instead (<see cref="ViaOrigin"/>).
/// </summary>
internal sealed class WellKnownFetcher(HttpProbe probe, TimeProvider timeProvider, ViaOrigin? via = null)
{
    public async Task<RedirectChain> FetchAsync(HttpUrl url, CancellationToken cancellationToken = default)
    {
        var started = timeProvider.GetTimestamp();
        var fetch = await FollowAsync(url, cancellationToken);
        return fetch with { Elapsed = timeProvider.GetElapsedTime(started) };
    }

    private async Task<RedirectChain> FollowAsync(HttpUrl url, CancellationToken cancellationToken)
    {
        var seen = new List<string> { url.ToString() };
        var responses = new List<ProbeResponse>();
        var current = url;
        var deadline = timeProvider.GetUtcNow() + probe.Timeout;
        while (true)
        {
            var target = via is not null && ViaOrigin.Covers(url, current) ? via.Target(current) : ProbeTarget.ForUrl(current);
            var response = await probe.GetAsync(target, deadline, cancellationToken);
            responses.Add(response);
            if (response.Status is not (301 or 302 or 303 or 307 or 308) || response.Error is not null)
            {
                return new RedirectChain(responses, response.Error) { Refused = response.Connection.Refused };
            }

            var location = response.Header("Location");
            if (!HttpUrl.TryParse(location, current, out var next, out var problem))
            {
                return new RedirectChain(responses, $"{current} answered {response.Status} with Location '{CustomerText.Quote(location)}', which is not a usable http(s) URL (it {problem})");
            }

            if (current.Https && !next.Https)
            {
                return new RedirectChain(responses, $"refused: {current} redirects to {next}, from https to plain http, which is not followed") { Refused = true };
            }

            if (seen.Contains(next.ToString()))
            {
                return new RedirectChain(responses, $"redirect loop: {string.Join(" -> ", seen)} -> {next}");
            }

            if (responses.Count >= CheckSettings.MaxRedirects)
            {
                return new RedirectChain(responses, $"too many redirects: gave up after {CheckSettings.MaxRedirects} hops, starting at {url}");
            }

            seen.Add(next.ToString());
            current = next;
        }
    }
}
