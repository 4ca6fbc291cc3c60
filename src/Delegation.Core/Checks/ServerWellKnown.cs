using System.Text.Json;
using Delegation.Names;

namespace Delegation.Checks;

/// <summary>Reads <c>/.well-known/matrix/server</c> as Synapse does and says what it means for discovery.</summary>
internal sealed class ServerWellKnown(WellKnownFetcher fetcher, TimeProvider timeProvider)
{
    private const string FallThrough = "homeservers ignore it, remember that for about 1 h, and use SRV instead";

    /// <summary>The delegated name; null to fall through to SRV; HardError when m.server is invalid.</summary>
    public async Task<(ServerName? Delegated, bool HardError)> ReadAsync(string host, List<CheckStep> steps, CheckFacts facts, CancellationToken cancellationToken = default)
    {
        const string Step = "server well-known";
        var url = HttpUrl.ForHost(host, "/.well-known/matrix/server");
        facts.Begin("server", Step, $"GET {url}");
        var fetch = await fetcher.FetchAsync(url, cancellationToken);
        facts.Fetched("server", fetch);
        var final = fetch.Final;
        var details = fetch.Redirects.Concat(final.Connection.Describe()).ToList();
        if (fetch.Error is { } error && fetch.Refused)
        {
            steps.Add(CheckStep.Fail(Step, $"GET {final.Target.DisplayUrl}: {error}", details));
            return (null, true);
        }

        if (fetch.Error is { } failure)
        {
            steps.Add(CheckStep.Warn(Step, $"GET {final.Target.DisplayUrl}: {failure}; {FallThrough}", details));
            return (null, false);
        }

        details.Add(final.StatusLine);
        if (fetch.ForeignPathMode(host, "homeservers would take that domain's m.server for this one") is { } foreign)
        {
            steps.Add(CheckStep.Fail(Step, foreign, details));
            return (null, true);
        }

        if (final.Status == 404)
        {
            steps.Add(CheckStep.Info(Step, $"GET {final.Target.DisplayUrl} answered 404: no delegation, so SRV records of {host} decide", details));
            return (null, false);
        }

        if (final.Status != 200)
        {
            steps.Add(CheckStep.Warn(Step, $"GET {final.Target.DisplayUrl} answered {final.Status}; {FallThrough}", details));
            return (null, false);
        }

        if (!TryReadServer(final.Body, out var value, out var problem))
        {
            steps.Add(CheckStep.Warn(Step, $"{final.Target.DisplayUrl}: {problem}; {FallThrough}", details));
            return (null, false);
        }

        var lifetime = CacheLifetime.From(final.HeaderValues("Cache-Control"), final.HeaderValues("Expires"), timeProvider.GetUtcNow());
        details.Add($"cache lifetime: {lifetime}");
        if (!ServerName.TryParse(value, out var delegated, out var grammar))
        {
            steps.Add(CheckStep.Fail(Step, $"m.server '{CustomerText.Quote(value)}' is not a valid server name ({grammar}); homeservers refuse to federate with this domain", details));
            return (null, true);
        }

        var contentType = final.Header("Content-Type");
        var via = fetch.Hops.Any() ? $" (redirected to {final.Target.DisplayUrl})" : string.Empty;
        steps.Add(contentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true
            ? CheckStep.Ok(Step, $"m.server is {delegated}{via}", details)
            : CheckStep.Warn(Step, $"m.server is {delegated}{via}, but Content-Type is '{CustomerText.Quote(contentType ?? "(none)")}', not application/json (homeservers parse it anyway; some tools do not)", details));
        return (delegated, false);
    }

    private static bool TryReadServer(byte[] body, out string? value, out string? problem)
    {
        value = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            problem = root.ValueKind != JsonValueKind.Object ? $"the body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object"
                : !root.TryGetProperty("m.server", out var server) ? "the JSON object has no 'm.server'"
                : server.ValueKind != JsonValueKind.String ? $"'m.server' is a JSON {server.ValueKind.ToString().ToLowerInvariant()}, not a string"
                : null;
            value = problem is null ? root.GetProperty("m.server").GetString() : null;
            return problem is null;
        }
        catch (JsonException ex)
        {
            problem = $"the body is not valid JSON ({CustomerText.Quote(ex.Message.Split('.')[0])})";
            return false;
        }
    }
}
