using Azure;
using Azure.Identity;

namespace Delegation.Cli.Common;

/// <summary>Turns the ways table storage fails into one sentence an admin can act on.</summary>
internal static class StorageFailure
{
    public static string? Describe(Exception exception) => exception switch
    {
        AggregateException aggregate when aggregate.InnerExceptions.Count > 0 => Describe(aggregate.InnerExceptions[^1]),
        CredentialUnavailableException ex => $"Storage error: no Entra ID credential is available ({FirstLine(ex.Message)}). Run 'az login' or use --connection-string.",
        AuthenticationFailedException ex => $"Storage error: signing in to Entra ID failed ({FirstLine(ex.Message)}). Run 'az login' or use --connection-string.",
        RequestFailedException { Status: 0 } ex => $"Storage error: the table service cannot be reached ({FirstLine(ex.Message)}). Is Azurite running, or is the endpoint right?",
        RequestFailedException { Status: 403 } ex => $"Storage error: access denied (403, {ex.ErrorCode}). Grant yourself 'Storage Table Data Contributor' on the table.",
        RequestFailedException { Status: 404 } ex when ex.ErrorCode == "TableNotFound" => "Storage error: the table does not exist. Create it with the Bicep template or run 'delegation set' once.",
        RequestFailedException ex => $"Storage error: {ex.Status} {ex.ErrorCode}: {FirstLine(ex.Message)}",
        HttpRequestException ex => $"Storage error: the table service cannot be reached ({FirstLine(ex.Message)}). Is Azurite running, or is the endpoint right?",
        _ => null,
    };

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? message : message[..newline]).Trim();
    }
}
