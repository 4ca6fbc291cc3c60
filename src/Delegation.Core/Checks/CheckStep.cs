namespace Delegation.Checks;

/// <summary>
/// One thing the check did and what it saw; <see cref="Details"/> are the facts (headers, addresses, names). Summary
/// and details quote what customers' servers sent, so both pass through <see cref="CustomerText.Escape"/> here, once,
/// before anything shows, stores or logs them.
/// </summary>
internal sealed record CheckStep(string Name, StepStatus Status, string Summary, IReadOnlyList<string> Details)
{
    public static CheckStep Ok(string name, string summary, params IReadOnlyList<string> details) => Create(name, StepStatus.Ok, summary, details);

    public static CheckStep Info(string name, string summary, params IReadOnlyList<string> details) => Create(name, StepStatus.Info, summary, details);

    public static CheckStep Warn(string name, string summary, params IReadOnlyList<string> details) => Create(name, StepStatus.Warn, summary, details);

    public static CheckStep Fail(string name, string summary, params IReadOnlyList<string> details) => Create(name, StepStatus.Fail, summary, details);

    private static CheckStep Create(string name, StepStatus status, string summary, IReadOnlyList<string> details) =>
        new(name, status, CustomerText.Escape(summary), details.Select(d => CustomerText.Escape(d)).ToList());
}
