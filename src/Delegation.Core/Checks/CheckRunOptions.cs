namespace Delegation.Checks;

/// <summary>How a run over many domains behaves: domains checked at once (each domain's deadline is <see cref="CheckSettings.DomainDeadline"/>).</summary>
internal sealed record CheckRunOptions(int Concurrency);
