using System.Globalization;

namespace Delegation.Checks;

/// <summary>
/// What a domain whose check outlived <see cref="CheckSettings.DomainDeadline"/> reports: every section fails with one
/// step that names the deadline and what the check was still doing, so a hung name shows where it hung.
/// </summary>
internal static class CheckDeadline
{
    public const string Step = "deadline";

    public static CheckReport Passed(string domain, TimeSpan deadline, IReadOnlyList<string> inProgress, CheckFacts facts)
    {
        var seconds = deadline.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        var summary = inProgress.Count == 0
            ? $"the check did not finish within the domain deadline of {seconds} s"
            : $"the check did not finish within the domain deadline of {seconds} s; still in progress: {string.Join("; ", inProgress)}";
        return CheckReport.Failed(domain, CheckStep.Fail(Step, summary)) with { Facts = facts };
    }
}
