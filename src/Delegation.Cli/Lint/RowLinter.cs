using Delegation.Documents;
using Delegation.Names;
using Delegation.Table;

namespace Delegation.Cli.Lint;

/// <summary>Checks one row: the service's own rules (errors) and choices that are valid but likely mistakes (warnings).</summary>
internal static class RowLinter
{
    /// <summary>Longest domain that still leaves room for <c>_matrix-fed._tcp.</c> and <c>_dnsauth.</c> within 253 characters.</summary>
    public const int MaxComfortableLength = 230;

    public static IEnumerable<LintFinding> Check(DelegationRow row)
    {
        foreach (var problem in DelegationDocuments.FromRow(row).Problems)
        {
            yield return new LintFinding(row.Domain, LintFinding.Error, problem.Field, problem.Value, problem.Rule);
        }

        if (row.Server is not null && ServerName.TryParse(row.Server, out var server, out _) && server.Port is null)
        {
            yield return new LintFinding(row.Domain, LintFinding.Warning, DelegationRow.ServerColumn, row.Server, server.Kind == ServerHostKind.DnsName
                ? $"has no port: federating servers look up SRV _matrix-fed._tcp.{server.Host} and otherwise connect to port 8448; write '{server.Host}:443' if it listens on 443"
                : "has no port: federating servers connect to port 8448");
        }

        foreach (var column in new[] { DelegationRow.ClientBaseUrlColumn, DelegationRow.IdentityServerBaseUrlColumn })
        {
            if (row[column] is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && !url.Contains(uri.Host, StringComparison.Ordinal))
            {
                yield return new LintFinding(row.Domain, LintFinding.Warning, column, url, $"has upper-case letters in the host; write '{uri.Host}' (some clients compare URLs as text)");
            }
        }

        if (row.Domain.Length > MaxComfortableLength)
        {
            yield return new LintFinding(row.Domain, LintFinding.Warning, "PartitionKey", row.Domain, $"is {row.Domain.Length} characters long (over {MaxComfortableLength}): _matrix-fed._tcp.<name> (SRV) and _dnsauth.<name> (Front Door validation) may not fit in DNS's 253");
        }
    }
}
