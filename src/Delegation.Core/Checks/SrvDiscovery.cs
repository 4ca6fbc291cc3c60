namespace Delegation.Checks;

/// <summary>SRV <c>_matrix-fed._tcp</c>, then the deprecated <c>_matrix._tcp</c>, then port 8448, as the spec orders them.</summary>
internal sealed class SrvDiscovery(DnsLookup dns)
{
    public const int DefaultPort = 8448;

    public string ServerDescription => dns.ServerDescription;

    /// <summary>The targets to try, or null when DNS itself failed (that ends discovery, as in Synapse).</summary>
    public async Task<IReadOnlyList<ProbeTarget>?> TargetsAsync(string host, string certificateName, List<CheckStep> steps, CancellationToken cancellationToken = default)
    {
        foreach (var (prefix, deprecated) in new[] { ("_matrix-fed._tcp", false), ("_matrix._tcp", true) })
        {
            var name = $"{prefix}.{host}";
            var answer = await dns.SrvAsync(name, cancellationToken);
            if (answer.Error is { } error)
            {
                steps.Add(CheckStep.Fail("SRV", error));
                return null;
            }

            if (answer.Records.Count == 0)
            {
                steps.Add(CheckStep.Info("SRV", $"no SRV record {name} ({dns.ServerDescription})"));
                continue;
            }

            // A target is a host name; anything else in a customer's zone is reported, never connected to.
            var invalid = answer.Records.Where(r => r.Host.Length > 0 && !Names.DnsName.IsValidAscii(r.Host, out _)).ToList();
            var usable = answer.Records.Where(r => r.Host.Length > 0).Except(invalid).ToList();
            if (invalid.Count > 0 && usable.Count == 0)
            {
                steps.Add(CheckStep.Fail("SRV", $"SRV {name} has no valid target: '{CustomerText.Quote(invalid[0].Host)}' is not a host name"));
                return null;
            }

            if (usable.Count == 0)
            {
                steps.Add(CheckStep.Fail("SRV", $"SRV {name} has target '.', which says there is no federation service at {host}"));
                return null;
            }

            var details = usable.Select(r => r.ToString()).ToList();
            if (usable.Count > CheckSettings.MaxSrvTargets)
            {
                // Each target that never answers costs a whole request timeout; a zone with dozens would hold the check for minutes.
                details.Add($"{usable.Count - CheckSettings.MaxSrvTargets} more targets not tried (the check tries at most {CheckSettings.MaxSrvTargets}, in priority order)");
                usable = usable.Take(CheckSettings.MaxSrvTargets).ToList();
            }

            steps.Add(deprecated
                ? CheckStep.Warn("SRV", $"found {name}, which is deprecated since Matrix 1.8: add the same record as _matrix-fed._tcp.{host}", details)
                : CheckStep.Ok("SRV", $"found {name}", details));
            return usable.Select(r => new ProbeTarget(true, r.Host, r.Port, certificateName, certificateName, FederationVersion.Path)).ToList();
        }

        steps.Add(CheckStep.Info("SRV", $"no SRV records: connecting to {host}:{DefaultPort}"));
        return [new ProbeTarget(true, host, DefaultPort, certificateName, certificateName, FederationVersion.Path)];
    }
}
