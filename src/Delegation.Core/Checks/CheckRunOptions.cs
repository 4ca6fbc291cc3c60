namespace Delegation.Checks;

/// <summary>How a run over many domains behaves: domains checked at once, and the most one domain may take.</summary>
internal sealed record CheckRunOptions(int Concurrency, TimeSpan DomainTimeout);
