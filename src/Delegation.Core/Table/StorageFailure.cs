using System.Net.Sockets;
using Azure;
using Azure.Data.Tables.Models;
using Azure.Identity;

namespace Delegation.Table;

/// <summary>
/// The one judgement of "table storage failed" (as opposed to a defect in our code or the caller giving up), with a
/// one-line description. The serving path answers these with stale-if-error or a 503, the tool with exit status 3, the
/// check runner with a failed record.
/// </summary>
public sealed record StorageFailure(StorageFailureKind Kind, string Description)
{
    /// <summary>
    /// The storage failure <paramref name="exception"/> is, or null when it is not one. A cancellation counts as a
    /// timeout unless <paramref name="cancellationToken"/>, the caller's own token, asked for it.
    /// </summary>
    public static StorageFailure? From(Exception exception, CancellationToken cancellationToken = default) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,

        // CredentialUnavailableException derives from AuthenticationFailedException: test it first.
        CredentialUnavailableException ex => new(StorageFailureKind.NoCredential, $"no Entra ID credential is available ({FirstLine(ex.Message)})"),
        AuthenticationFailedException ex => new(StorageFailureKind.CredentialFailed, $"getting an Entra ID token failed ({FirstLine(ex.Message)})"),
        RequestFailedException ex => FromStatus(ex),

        // The SDK's retry policy throws this when every try failed without an answer (refused, reset, DNS).
        AggregateException { InnerExceptions.Count: > 0 } ex => FromAll(ex.InnerExceptions, cancellationToken),

        OperationCanceledException or TimeoutException => new(StorageFailureKind.Timeout, "the table service did not answer in time"),
        HttpRequestException or SocketException or IOException { InnerException: SocketException } =>
            new(StorageFailureKind.Unreachable, $"the table service cannot be reached ({FirstLine(exception.Message)})"),
        _ => null,
    };

    private static StorageFailure FromStatus(RequestFailedException ex) => ex.Status switch
    {
        0 => new(StorageFailureKind.Unreachable, $"the table service cannot be reached ({FirstLine(ex.InnerException?.Message ?? ex.Message)})"),
        408 => new(StorageFailureKind.Timeout, $"the table service did not answer in time ({Status(ex)})"),
        429 => new(StorageFailureKind.Throttled, $"the table service is throttling requests ({Status(ex)})"),
        401 or 403 => new(StorageFailureKind.AccessDenied, $"access denied ({Status(ex)})"),
        404 when ex.ErrorCode == TableErrorCode.TableNotFound.ToString() => new(StorageFailureKind.TableNotFound, $"the table does not exist ({Status(ex)})"),
        >= 500 => new(StorageFailureKind.ServerError, $"the table service failed ({Status(ex)})"),
        // The SDK throws with the success status when it cannot parse the body (a proxy's or a captive portal's page).
        >= 200 and < 300 => new(StorageFailureKind.Unreadable, $"the table service's answer could not be read ({ex.Status}: {FirstLine(ex.Message)})"),
        _ => new(StorageFailureKind.Rejected, $"the table service refused the request ({Status(ex)}: {FirstLine(ex.Message)})"),
    };

    private static StorageFailure? FromAll(IReadOnlyList<Exception> inner, CancellationToken cancellationToken)
    {
        StorageFailure? last = null;
        foreach (var exception in inner)
        {
            last = From(exception, cancellationToken);
            if (last is null)
            {
                return null;
            }
        }

        return last;
    }

    private static string Status(RequestFailedException ex) => string.IsNullOrEmpty(ex.ErrorCode) ? $"{ex.Status}" : $"{ex.Status} {ex.ErrorCode}";

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? message : message[..newline]).Trim();
    }
}
