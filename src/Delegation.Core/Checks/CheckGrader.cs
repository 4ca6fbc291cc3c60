using System.Globalization;
using Delegation.Names;

namespace Delegation.Checks;

/// <summary>
/// Turns a check report into the watch's verdict. Fail: federation would fail, or clients cannot discover the
/// homeserver. Warning: any step's warning, a failing support document, and what the watch adds: a certificate
/// expiring soon, a well-known <c>m.server</c> without a port, a slow document. (A redirect web clients cannot follow
/// is a step of its own: a failure for the client document, a warning for support.)
/// </summary>
internal static class CheckGrader
{
    public static CheckResult Grade(CheckReport report, DateTimeOffset checkedAt, CheckSettings settings)
    {
        var expires = report.Facts.FederationCertificate?.NotAfter;
        // A support document is advisory, but one that differs from its row shows the domain is not served by us.
        var failure = FirstStep(report.Server, StepStatus.Fail) ?? FirstStep(report.Client, StepStatus.Fail)
            ?? report.Support.Steps.FirstOrDefault(s => s.Status == StepStatus.Fail && s.Name == DriftCheck.Step);
        if (failure is not null)
        {
            return new CheckResult(report.Domain, checkedAt, CheckStatus.Fail, failure.Name, failure.Summary, expires);
        }

        var warning = FirstStep(report.Server, StepStatus.Warn)
            ?? FirstStep(report.Client, StepStatus.Warn)
            ?? FirstStep(report.Support, StepStatus.Warn)
            ?? FirstStep(report.Support, StepStatus.Fail)
            ?? WatchWarnings(report.Facts, checkedAt, settings).FirstOrDefault();
        return warning is null
            ? new CheckResult(report.Domain, checkedAt, CheckStatus.Ok, null, null, expires)
            : new CheckResult(report.Domain, checkedAt, CheckStatus.Warning, warning.Name, warning.Summary, expires);
    }

    /// <summary>The warnings only the watch gives; <c>check</c> calls these cases fine.</summary>
    public static IEnumerable<CheckStep> WatchWarnings(CheckFacts facts, DateTimeOffset now, CheckSettings settings)
    {
        if (facts.FederationCertificate is { } certificate && certificate.NotAfter - now < settings.CertificateWarning)
        {
            yield return CheckStep.Warn("certificate", $"the homeserver certificate for {string.Join(", ", certificate.Names.Select(CustomerText.Quote))} expires {certificate.NotAfter.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}");
        }

        if (facts.Delegated is { Kind: ServerHostKind.DnsName, Port: null } delegated)
        {
            yield return CheckStep.Warn("server well-known", $"m.server '{delegated}' has no port, so homeservers look up SRV records and fall back to port 8448: name the port (e.g. '{delegated}:443') to make delegation independent of DNS");
        }

        foreach (var (document, fetch) in facts.Documents)
        {
            if (fetch.Error is null && fetch.Final.Status == 200 && fetch.Elapsed > settings.SlowDocument)
            {
                yield return CheckStep.Warn($"{document} well-known", $"the {document} document took {fetch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s to fetch (warning above {settings.SlowDocument.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s)");
            }
        }
    }

    private static CheckStep? FirstStep(SectionReport section, StepStatus status) => section.Steps.FirstOrDefault(s => s.Status == status);
}
