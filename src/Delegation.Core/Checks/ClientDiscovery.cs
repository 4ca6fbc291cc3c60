using System.Text.Json;
using Delegation.Names;

namespace Delegation.Checks;

/// <summary>Client discovery as the client-server API describes it, with the FAIL_PROMPT / FAIL_ERROR outcomes named.</summary>
internal sealed class ClientDiscovery(WellKnownFetcher fetcher)
{
    private const string Step = "client well-known";

    public async Task<SectionReport> RunAsync(string host, CheckFacts facts, CancellationToken cancellationToken = default)
    {
        var steps = new List<CheckStep>();
        var url = HttpUrl.ForHost(host, "/.well-known/matrix/client");
        facts.Begin("client", Step, $"GET {url}");
        var fetch = await fetcher.FetchAsync(url, cancellationToken);
        facts.Fetched("client", fetch);
        var final = fetch.Final;
        var details = fetch.RedirectsWithCors.Concat(final.Connection.Describe()).ToList();
        if (fetch.Error is { } error)
        {
            steps.Add(CheckStep.Fail(Step, $"GET {final.Target.DisplayUrl}: {error} (FAIL_PROMPT: clients ask the user for a homeserver)", details));
            return SectionReport.From("client", steps);
        }

        details.Add(final.StatusLine);
        if (fetch.ForeignPathMode(host, "clients would log in to that domain's homeserver") is { } foreign)
        {
            steps.Add(CheckStep.Fail(Step, foreign, details));
            return SectionReport.From("client", steps);
        }

        if (final.Status == 404)
        {
            steps.Add(CheckStep.Info(Step, "no client well-known (404): clients ask the user for a homeserver URL", details));
            return SectionReport.From("client", steps, Verdict.None);
        }

        var cors = final.Header("Access-Control-Allow-Origin");
        details.Add($"Access-Control-Allow-Origin: {CustomerText.Quote(cors ?? "(missing)")}");
        if (final.Status != 200)
        {
            steps.Add(CheckStep.Fail(Step, $"GET {final.Target.DisplayUrl} answered {final.Status} (FAIL_PROMPT)", details));
            return SectionReport.From("client", steps);
        }

        if (!TryReadBaseUrls(final.Body, out var baseUrl, out var identityUrl, out var problem))
        {
            steps.Add(CheckStep.Fail(Step, $"{problem} (FAIL_PROMPT)", details));
            return SectionReport.From("client", steps);
        }

        var via = fetch.Hops.Any() ? $" (redirected to {final.Target.DisplayUrl})" : string.Empty;
        steps.Add(fetch.RedirectWithoutCors is { } redirect
            ? CheckStep.Fail(Step, $"{redirect.Target.DisplayUrl} redirects ({redirect.Status}) without Access-Control-Allow-Origin: web clients such as Element Web cannot follow the redirect, so client discovery fails in a browser", details)
            : cors is null
            ? CheckStep.Fail(Step, "no Access-Control-Allow-Origin header: web clients such as Element Web cannot read the document", details)
            : CheckStep.Ok(Step, $"m.homeserver.base_url is {CustomerText.Quote(baseUrl)}{via}", details));
        if (!BaseUrl.TryValidate(baseUrl, out var urlError))
        {
            steps.Add(CheckStep.Fail("homeserver", $"m.homeserver.base_url '{CustomerText.Quote(baseUrl)}' {urlError} (FAIL_ERROR)"));
            return SectionReport.From("client", steps);
        }

        if (identityUrl is not null && !BaseUrl.TryValidate(identityUrl, out var identityError))
        {
            steps.Add(CheckStep.Fail("identity server", $"m.identity_server.base_url '{CustomerText.Quote(identityUrl)}' {identityError} (FAIL_ERROR)"));
        }

        steps.Add(await VersionsAsync(baseUrl!, facts, cancellationToken));
        return SectionReport.From("client", steps);
    }

    private async Task<CheckStep> VersionsAsync(string baseUrl, CheckFacts facts, CancellationToken cancellationToken)
    {
        if (!HttpUrl.TryParse(baseUrl.TrimEnd('/') + "/_matrix/client/versions", null, out var versionsUrl, out var urlError))
        {
            return CheckStep.Fail("homeserver", $"m.homeserver.base_url '{CustomerText.Quote(baseUrl)}' {urlError} (FAIL_ERROR)");
        }

        facts.Begin("client", "homeserver", $"GET {CustomerText.Quote(versionsUrl.ToString())}");
        var fetch = await fetcher.FetchAsync(versionsUrl, cancellationToken);
        var final = fetch.Final;
        var details = fetch.Redirects.Concat(final.Connection.Describe()).Concat(final.Status is null ? [] : [final.StatusLine]).ToList();
        var url = final.Target.DisplayUrl;
        if (fetch.Error is { } error)
        {
            return CheckStep.Fail("homeserver", $"GET {url}: {error} (FAIL_ERROR)", details);
        }

        if (final.Status != 200)
        {
            return CheckStep.Fail("homeserver", $"GET {url} answered {final.Status} (FAIL_ERROR)", details);
        }

        var versions = ReadVersions(final.Body);
        return versions is null
            ? CheckStep.Fail("homeserver", $"GET {url} did not answer JSON with a 'versions' array (FAIL_ERROR)", details)
            : CheckStep.Ok("homeserver", $"{url} supports {string.Join(", ", versions.TakeLast(3).Select(CustomerText.Quote))}", details);
    }

    private static bool TryReadBaseUrls(byte[] body, out string? baseUrl, out string? identityUrl, out string? problem)
    {
        baseUrl = identityUrl = problem = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = $"the body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object";
                return false;
            }

            if (!root.TryGetProperty("m.homeserver", out var homeserver) || homeserver.ValueKind != JsonValueKind.Object
                || !homeserver.TryGetProperty("base_url", out var url) || url.ValueKind != JsonValueKind.String)
            {
                problem = "there is no 'm.homeserver' object with a 'base_url' string";
                return false;
            }

            baseUrl = url.GetString();
            identityUrl = root.TryGetProperty("m.identity_server", out var identity) && identity.ValueKind == JsonValueKind.Object
                && identity.TryGetProperty("base_url", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            return true;
        }
        catch (JsonException ex)
        {
            problem = $"the body is not valid JSON ({CustomerText.Quote(ex.Message.Split('.')[0])})";
            return false;
        }
    }

    private static List<string>? ReadVersions(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("versions", out var versions) && versions.ValueKind == JsonValueKind.Array
                ? versions.EnumerateArray().Select(v => v.ToString()).ToList()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
