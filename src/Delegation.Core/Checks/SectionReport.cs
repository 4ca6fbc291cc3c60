namespace Delegation.Checks;

/// <summary>The steps and the verdict for one document (server, client or support).</summary>
internal sealed record SectionReport(string Name, Verdict Verdict, IReadOnlyList<CheckStep> Steps)
{
    /// <summary>The first failure (or warning) in words, for summaries.</summary>
    public string? FirstProblem =>
        Steps.FirstOrDefault(s => s.Status == StepStatus.Fail)?.Summary ?? Steps.FirstOrDefault(s => s.Status == StepStatus.Warn)?.Summary;

    /// <summary>This section with one more step: a failing step fails it, a warning makes a clean section a warning.</summary>
    public SectionReport With(CheckStep step) => this with
    {
        Steps = [.. Steps, step],
        Verdict = step.Status == StepStatus.Fail ? Verdict.Fail
            : step.Status == StepStatus.Warn && Verdict is Verdict.Ok or Verdict.None ? Verdict.Warn
            : Verdict,
    };

    public static SectionReport From(string name, IReadOnlyList<CheckStep> steps, Verdict whenClean = Verdict.Ok)
    {
        var verdict = steps.Any(s => s.Status == StepStatus.Fail) ? Verdict.Fail
            : steps.Any(s => s.Status == StepStatus.Warn) ? Verdict.Warn
            : whenClean;
        return new SectionReport(name, verdict, steps);
    }
}
