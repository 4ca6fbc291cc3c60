using Delegation.Names;

namespace Delegation.Cli.Lint;

/// <summary>
/// Finds wildcard rows that do less than they seem to: <c>*.example.com</c> never answers <c>example.com</c> itself, and
/// never answers a subdomain that has its own row (exact rows win). Keeps only the domain names in memory.
/// </summary>
internal sealed class WildcardShadowing
{
    private const int MaxListed = 10;
    private readonly HashSet<string> _domains = new(StringComparer.Ordinal);

    public void Add(string domain) => _domains.Add(domain);

    public IEnumerable<LintFinding> Findings()
    {
        var shadowedBy = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var domain in _domains)
        {
            if (DomainName.WildcardFor(domain) is { } wildcard && _domains.Contains(wildcard))
            {
                shadowedBy.TryAdd(wildcard, []);
                shadowedBy[wildcard].Add(domain);
            }
        }

        foreach (var wildcard in _domains.Where(DomainName.IsWildcard).Order(StringComparer.Ordinal))
        {
            var parent = wildcard[2..];
            if (_domains.Contains(parent))
            {
                yield return new LintFinding(wildcard, LintFinding.Warning, "PartitionKey", wildcard, $"does not answer '{parent}' itself (it has its own row); the wildcard covers only direct subdomains without a row");
            }

            if (shadowedBy.TryGetValue(wildcard, out var siblings))
            {
                siblings.Sort(StringComparer.Ordinal);
                var listed = string.Join(", ", siblings.Take(MaxListed)) + (siblings.Count > MaxListed ? $" and {siblings.Count - MaxListed} more" : string.Empty);
                yield return new LintFinding(wildcard, LintFinding.Warning, "PartitionKey", wildcard, $"is shadowed for {siblings.Count} subdomains that have their own rows, which answer instead of the wildcard: {listed}");
            }
        }
    }
}
