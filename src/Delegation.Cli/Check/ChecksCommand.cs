using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Delegation.Checks;
using Delegation.Cli.Common;

namespace Delegation.Cli.Check;

/// <summary><c>delegation checks</c>: the last recorded result of each domain, as the scheduled checks or <c>check --all --record</c> left it.</summary>
internal static class ChecksCommand
{
    private static readonly string[] Headers = ["DOMAIN", "RESULT", "CHECKED (UTC)", "CERT EXPIRES", "STEP", "MESSAGE"];

    public static Command Create(ConnectionOptions connection)
    {
        var status = new Option<string[]>("--status") { Description = "Show only these results: ok, warning, fail. Repeatable.", AllowMultipleArgumentsPerToken = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per line (JSON Lines)." };
        var command = new Command("checks", "Show the last recorded check of each domain (written by the function app's scheduled checks or 'delegation check --all --record').\n\nExamples:\n  delegation checks\n  delegation checks --status fail --status warning") { status, json, connection.ChecksTable };
        CommandAction.Set(command, connection, async (parseResult, context, cancellationToken) =>
        {
            var wanted = new HashSet<CheckStatus>();
            foreach (var word in parseResult.GetValue(status) ?? [])
            {
                wanted.Add(StatusWords.TryParse(word, out var parsed) && word != "warn" ? parsed : throw new CliException(ExitCodes.Usage, $"--status '{word}' is invalid: it must be ok, warning or fail."));
            }

            var rows = new List<string[]>();
            await foreach (var result in connection.CreateCheckResultStore(parseResult).ListAsync(cancellationToken))
            {
                if (wanted.Count > 0 && !wanted.Contains(result.Status))
                {
                    continue;
                }

                if (parseResult.GetValue(json))
                {
                    await context.Output.WriteLineAsync(JsonSerializer.Serialize(CheckResultJson.From(result), CheckResultJsonContext.Default.CheckResultJson));
                }
                else
                {
                    rows.Add(Cells(result));
                }
            }

            if (!parseResult.GetValue(json))
            {
                await WriteTableAsync(rows, context.Output);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string[] Cells(CheckResult result) =>
    [
        result.Domain,
        StatusWords.Of(result.Status),
        result.CheckedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        result.CertificateExpires?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
        // Results written by older versions, or by hand, may hold raw customer text.
        CustomerText.Escape(result.Step ?? "-"),
        CustomerText.Escape(result.Message ?? "-"),
    ];

    private static async Task WriteTableAsync(List<string[]> rows, TextWriter output)
    {
        var widths = Headers.Select((h, i) => rows.Select(r => r[i].Length).Prepend(h.Length).Max()).ToArray();
        foreach (var cells in rows.Prepend(Headers))
        {
            await output.WriteLineAsync(string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))));
        }
    }
}
