namespace Delegation.Checks;

/// <summary>One thing the check did and what it saw; <see cref="Details"/> are the facts (headers, addresses, names).</summary>
internal sealed record CheckStep(string Name, StepStatus Status, string Summary, IReadOnlyList<string> Details)
{
    public static CheckStep Ok(string name, string summary, params IReadOnlyList<string> details) => new(name, StepStatus.Ok, summary, details);

    public static CheckStep Info(string name, string summary, params IReadOnlyList<string> details) => new(name, StepStatus.Info, summary, details);

    public static CheckStep Warn(string name, string summary, params IReadOnlyList<string> details) => new(name, StepStatus.Warn, summary, details);

    public static CheckStep Fail(string name, string summary, params IReadOnlyList<string> details) => new(name, StepStatus.Fail, summary, details);
}
