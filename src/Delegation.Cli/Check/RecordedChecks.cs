using Delegation.Checks;

namespace Delegation.Cli.Check;

/// <summary>
/// Walks the results table beside a walk of the delegations table: both come in PartitionKey order, so each row's
/// result is found without holding either table in memory.
/// </summary>
internal sealed class RecordedChecks(ICheckResultStore results, CancellationToken cancellationToken) : IAsyncDisposable
{
    private readonly IAsyncEnumerator<CheckResult> _results = results.ListAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
    private bool _started;
    private bool _more;

    /// <summary>The result recorded for <paramref name="domain"/>; call with domains in ascending order.</summary>
    public async Task<CheckResult?> ForAsync(string domain)
    {
        if (!_started)
        {
            _started = true;
            _more = await _results.MoveNextAsync();
        }

        while (_more && string.CompareOrdinal(_results.Current.Domain, domain) < 0)
        {
            _more = await _results.MoveNextAsync();
        }

        return _more && _results.Current.Domain == domain ? _results.Current : null;
    }

    public ValueTask DisposeAsync() => _results.DisposeAsync();
}
