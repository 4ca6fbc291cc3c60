namespace Delegation.Checks;

/// <summary>The results table: the last check of each domain, written by the watch and <c>check --all --record</c>.</summary>
internal interface ICheckResultStore
{
    /// <summary>Writes the domain's result over the previous one.</summary>
    Task RecordAsync(CheckResult result, CancellationToken cancellationToken = default);

    /// <summary>Every recorded result in domain order; none when the table does not exist yet.</summary>
    IAsyncEnumerable<CheckResult> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates the table when it does not exist (admin tooling only; Bicep creates it in Azure).</summary>
    Task EnsureTableAsync(CancellationToken cancellationToken = default);
}
