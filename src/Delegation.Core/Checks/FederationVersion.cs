using System.Text.Json;

namespace Delegation.Checks;

/// <summary>Step 5: at each target, TLS for the right name and <c>GET /_matrix/federation/v1/version</c>; the first that answers wins.</summary>
internal sealed class FederationVersion(HttpProbe probe, TimeSpan certificateWarning, TimeProvider timeProvider)
{
    public const string Path = "/_matrix/federation/v1/version";

    public async Task ProbeAsync(IReadOnlyList<ProbeTarget> targets, List<CheckStep> steps, CheckFacts facts, CancellationToken cancellationToken = default)
    {
        var attempts = new List<CheckStep>();
        foreach (var target in targets)
        {
            facts.Begin("server", "federation", $"GET {Path} on {target.ConnectTo} (target {attempts.Count + 1} of {targets.Count})");
            var (attempt, certificate) = await ProbeOneAsync(target, cancellationToken);
            attempts.Add(attempt);
            if (attempt.Status != StepStatus.Fail)
            {
                facts.FederationCertificate = certificate;
                // Homeservers try SRV targets in order, so a failure before a working target only slows them down.
                steps.AddRange(attempts.Take(attempts.Count - 1).Select(a => a with { Status = StepStatus.Warn }));
                steps.Add(attempt);
                return;
            }
        }

        steps.AddRange(attempts);
    }

    private async Task<(CheckStep Step, CertificateInfo? Certificate)> ProbeOneAsync(ProbeTarget target, CancellationToken cancellationToken)
    {
        var response = await probe.GetAsync(target, cancellationToken: cancellationToken);
        return (Judge(target, response), response.Connection.Certificate);
    }

    private CheckStep Judge(ProbeTarget target, ProbeResponse response)
    {
        var details = new List<string> { $"connect {target.ConnectTo}, TLS name (SNI) {target.TlsName}, Host: {target.HostHeader}" };
        details.AddRange(response.Connection.Describe());
        const string Step = "federation";
        if (response.Error is { } error)
        {
            return CheckStep.Fail(Step, $"{target.ConnectTo}: {error}", details);
        }

        details.Add(response.StatusLine);
        if (response.Status != 200)
        {
            return CheckStep.Fail(Step, $"GET {Path} on {target.ConnectTo} answered {response.Status}: is the homeserver's federation listener there?", details);
        }

        if (Describe(response.Body) is not { } server)
        {
            return CheckStep.Fail(Step, $"GET {Path} on {target.ConnectTo} did not answer a JSON object with 'server': is this a Matrix homeserver?", details);
        }

        var expires = response.Connection.Certificate?.NotAfter;
        return expires is { } notAfter && notAfter - timeProvider.GetUtcNow() < certificateWarning
            ? CheckStep.Warn(Step, $"{server} answers on {target.ConnectTo}, but its certificate expires within {certificateWarning.TotalDays:0.#} days", details)
            : CheckStep.Ok(Step, $"{server} answers on {target.ConnectTo}", details);
    }

    private static string? Describe(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("server", out var server) || server.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var name = server.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : "a homeserver";
            var version = server.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? $" {v.GetString()}" : string.Empty;
            return CustomerText.Quote(name + version);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
