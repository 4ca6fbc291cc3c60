using System.CommandLine;
using Delegation.Cli.Common;
using Delegation.Table;

namespace Delegation.Cli.Rows;

/// <summary>
/// <c>--if-match &lt;etag&gt;</c>: write only if the row is still the version read earlier (the ETag that
/// <c>delegation get</c> prints), so a read-think-write across commands cannot overwrite someone else's edit.
/// </summary>
internal static class IfMatchOption
{
    public static Option<string?> Create() => new("--if-match")
    {
        Description = "Only change the row if it is still at this ETag (as printed by 'delegation get'); otherwise refuse with exit status 5.",
    };

    /// <summary>Reads the row to change; refuses (exit status 5) when it is no longer at the ETag the option gives.</summary>
    public static async Task<DelegationRow?> ReadAsync(IDelegationStore store, string domain, string? expected, CancellationToken cancellationToken = default)
    {
        var current = await store.GetAsync(domain, cancellationToken);
        return Mismatch(domain, expected, current) is { } mismatch ? throw new CliException(ExitCodes.Conflict, mismatch) : current;
    }

    /// <summary>Why the row is no longer the expected version, or null when it is (or nothing was expected).</summary>
    private static string? Mismatch(string domain, string? expected, DelegationRow? current)
    {
        if (expected is null || current?.ETag?.ToString() == expected)
        {
            return null;
        }

        var now = current is null ? "it has been deleted" : $"it is now at ETag {current.ETag}";
        return $"The row for '{domain}' is no longer at ETag {expected}: {now}. Nothing was written; look at it again with 'delegation get {domain}'.";
    }
}
