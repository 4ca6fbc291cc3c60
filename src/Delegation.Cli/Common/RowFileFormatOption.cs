using System.CommandLine;
using System.CommandLine.Parsing;

namespace Delegation.Cli.Common;

/// <summary><c>--format json|csv</c> of import and export; any other value is one line naming it and the accepted ones.</summary>
internal static class RowFileFormatOption
{
    public static Option<RowFileFormat?> Create(string description) => new("--format")
    {
        Description = description,
        HelpName = "json|csv",
        CustomParser = Parse,
    };

    private static RowFileFormat? Parse(ArgumentResult result)
    {
        var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (value.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return RowFileFormat.Json;
        }

        if (value.Equals("csv", StringComparison.OrdinalIgnoreCase))
        {
            return RowFileFormat.Csv;
        }

        result.AddError($"--format '{value}' is not a file format: give json or csv.");
        return null;
    }
}
