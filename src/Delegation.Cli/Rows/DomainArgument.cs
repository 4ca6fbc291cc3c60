using System.CommandLine;
using Delegation.Cli.Common;
using Delegation.Names;

namespace Delegation.Cli.Rows;

/// <summary>The <c>&lt;domain&gt;</c> argument, normalised as the table keys it.</summary>
internal static class DomainArgument
{
    public static Argument<string> Create() => new("domain")
    {
        Description = "The Matrix server name being delegated, e.g. example.com; Unicode is stored as its A-label; '*.example.com' answers for every direct subdomain.",
    };

    public static string Parse(ParseResult parseResult, Argument<string> argument)
    {
        var value = parseResult.GetValue(argument);
        return DomainName.TryParse(value, out var domain, out var error)
            ? domain
            : throw new CliException(ExitCodes.Invalid, new ValidationError("domain", value, error).ToString());
    }
}
