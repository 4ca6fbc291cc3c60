using System.Text.Json;
using Delegation.Checks;

namespace Delegation.Cli.Check;

/// <summary>Writes a report as text for people or as JSON for scripts; both carry the same facts.</summary>
internal static class CheckRenderer
{
    public static async Task WriteTextAsync(CheckReport report, TextWriter output)
    {
        await output.WriteLineAsync($"delegation check {report.Domain}");
        foreach (var section in new[] { report.Server, report.Client, report.Support })
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"{Title(section.Name)}: {StatusWords.Of(section.Verdict)}");
            foreach (var step in section.Steps)
            {
                await output.WriteLineAsync($"  {StatusWords.Mark(step.Status)} {step.Name}: {step.Summary}");
                foreach (var detail in step.Details)
                {
                    await output.WriteLineAsync($"         {detail}");
                }
            }
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(report.FederationWorks
            ? $"Federation with {report.Domain} would work."
            : $"Federation with {report.Domain} would FAIL: {report.Server.FirstProblem}");
    }

    public static Task WriteJsonAsync(CheckReport report, TextWriter output) =>
        output.WriteLineAsync(JsonSerializer.Serialize(report, CheckJsonContext.Default.CheckReport));

    public static Task WriteJsonAsync(List<CheckReport> reports, TextWriter output) =>
        output.WriteLineAsync(JsonSerializer.Serialize(reports, CheckJsonContext.Default.ListCheckReport));

    private static string Title(string name) => name switch
    {
        "server" => "Server discovery (federation)",
        "client" => "Client discovery",
        _ => "Support document",
    };
}
