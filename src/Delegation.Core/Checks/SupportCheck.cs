using System.Text;
using System.Text.Json;
using Delegation.Documents;
using Delegation.Names;

namespace Delegation.Checks;

/// <summary>Fetches <c>/.well-known/matrix/support</c> and checks it against the spec's schema (v1.10).</summary>
internal sealed class SupportCheck(WellKnownFetcher fetcher)
{
    private const string Step = "support well-known";

    public async Task<SectionReport> RunAsync(string host, CheckFacts facts, CancellationToken cancellationToken = default)
    {
        var steps = new List<CheckStep>();
        var url = HttpUrl.ForHost(host, "/.well-known/matrix/support");
        facts.Begin("support", Step, $"GET {url}");
        var fetch = await fetcher.FetchAsync(url, cancellationToken);
        facts.Fetched("support", fetch);
        var final = fetch.Final;
        var details = fetch.RedirectsWithCors.Concat(final.Connection.Describe()).ToList();
        if (fetch.Error is { } error)
        {
            steps.Add(CheckStep.Fail(Step, $"GET {final.Target.DisplayUrl}: {error}", details));
            return SectionReport.From("support", steps);
        }

        details.Add(final.StatusLine);
        if (fetch.ForeignPathMode(host, "clients would show that domain's support contacts") is { } foreign)
        {
            steps.Add(CheckStep.Fail(Step, foreign, details));
            return SectionReport.From("support", steps);
        }

        if (final.Status == 404)
        {
            steps.Add(CheckStep.Info(Step, "no support document (404); it is optional", details));
            return SectionReport.From("support", steps, Verdict.None);
        }

        if (final.Status != 200)
        {
            steps.Add(CheckStep.Fail(Step, $"GET {final.Target.DisplayUrl} answered {final.Status}", details));
            return SectionReport.From("support", steps);
        }

        var text = Encoding.UTF8.GetString(final.Body);
        if (!SupportDocument.TryParse(text, out var document, out var problem))
        {
            steps.Add(CheckStep.Fail(Step, $"the support document is invalid: {problem}", details));
            return SectionReport.From("support", steps);
        }

        var contacts = document.TryGetProperty("contacts", out var list) && list.ValueKind == JsonValueKind.Array ? list.GetArrayLength() : 0;
        var page = document.TryGetProperty("support_page", out var p) ? $", support page {CustomerText.Quote(p.ToString())}" : string.Empty;
        steps.Add(fetch.RedirectWithoutCors is { } redirect
            ? CheckStep.Warn(Step, $"valid, but {redirect.Target.DisplayUrl} redirects ({redirect.Status}) without Access-Control-Allow-Origin: web clients cannot follow the redirect", details)
            : final.Header("Access-Control-Allow-Origin") is null
            ? CheckStep.Warn(Step, "valid, but without Access-Control-Allow-Origin web clients cannot read it", details)
            : CheckStep.Ok(Step, $"valid: {contacts} contact(s){page}", details));
        return SectionReport.From("support", steps);
    }
}
