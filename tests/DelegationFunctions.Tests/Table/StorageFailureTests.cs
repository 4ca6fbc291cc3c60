using System.Net;
using System.Net.Sockets;
using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Azure.Identity;
using Delegation.Table;

namespace Delegation.Tests.Table;

/// <summary>The one judgement of "table storage failed", per shape, and with the exceptions real sockets make the SDK throw.</summary>
public sealed class StorageFailureTests
{
    [Theory]
    [InlineData("status 0", StorageFailureKind.Unreachable)]
    [InlineData("408", StorageFailureKind.Timeout)]
    [InlineData("429", StorageFailureKind.Throttled)]
    [InlineData("500", StorageFailureKind.ServerError)]
    [InlineData("503 ServerBusy", StorageFailureKind.ServerError)]
    [InlineData("401", StorageFailureKind.AccessDenied)]
    [InlineData("403 AuthorizationPermissionMismatch", StorageFailureKind.AccessDenied)]
    [InlineData("404 TableNotFound", StorageFailureKind.TableNotFound)]
    [InlineData("404 ResourceNotFound", StorageFailureKind.Rejected)]
    [InlineData("400 OutOfRangeInput", StorageFailureKind.Rejected)]
    [InlineData("every retry refused", StorageFailureKind.Unreachable)]
    [InlineData("HttpRequestException", StorageFailureKind.Unreachable)]
    [InlineData("SocketException", StorageFailureKind.Unreachable)]
    [InlineData("IOException from a socket", StorageFailureKind.Unreachable)]
    [InlineData("TaskCanceledException", StorageFailureKind.Timeout)]
    [InlineData("TimeoutException", StorageFailureKind.Timeout)]
    [InlineData("CredentialUnavailableException", StorageFailureKind.NoCredential)]
    [InlineData("AuthenticationFailedException", StorageFailureKind.CredentialFailed)]
    public void From_StorageFailureShape_GivesItsKindAndOneLine(string shape, StorageFailureKind kind)
    {
        var failure = StorageFailure.From(Shape(shape), TestContext.Current.CancellationToken);

        Assert.NotNull(failure);
        Assert.Equal(kind, failure.Kind);
        Assert.DoesNotContain('\n', failure.Description);
    }

    [Theory]
    [InlineData("InvalidOperationException")]
    [InlineData("KeyNotFoundException")]
    [InlineData("FormatException")]
    [InlineData("IOException from a file")]
    [InlineData("retries with a defect among them")]
    [InlineData("empty AggregateException")]
    public void From_Defect_IsNotAStorageFailure(string shape)
    {
        Assert.Null(StorageFailure.From(Shape(shape), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void From_CancelledByTheCaller_IsNotAStorageFailure()
    {
        using var caller = new CancellationTokenSource();
        caller.Cancel();

        Assert.Null(StorageFailure.From(new TaskCanceledException("cancelled (test)", null, caller.Token), caller.Token));
        Assert.Equal(StorageFailureKind.Timeout, StorageFailure.From(new TaskCanceledException("the SDK's timeout (test)"), CancellationToken.None)?.Kind);
    }

    [Fact]
    public void From_TableNotFound_NamesTheSdkErrorCode()
    {
        var failure = StorageFailure.From(new RequestFailedException(404, "The table specified does not exist.", TableErrorCode.TableNotFound.ToString(), null), TestContext.Current.CancellationToken);

        Assert.Equal("the table does not exist (404 TableNotFound)", failure?.Description);
    }

    [Fact]
    public async Task From_ConnectionRefusedOnEveryTry_IsUnreachable()
    {
        var table = Client(ReservedPorts.RefusingTcp, TimeSpan.FromSeconds(5));

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => table.GetEntityIfExistsAsync<TableEntity>("example.com", string.Empty, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(StorageFailureKind.Unreachable, StorageFailure.From(thrown, TestContext.Current.CancellationToken)?.Kind);
    }

    [Fact]
    public async Task From_ConnectionResetOnEveryTry_IsUnreachable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var resets = ResetEveryConnectionAsync(listener, TestContext.Current.CancellationToken);
        var table = Client(((IPEndPoint)listener.LocalEndpoint).Port, TimeSpan.FromSeconds(5));

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => table.GetEntityIfExistsAsync<TableEntity>("example.com", string.Empty, cancellationToken: TestContext.Current.CancellationToken));

        listener.Stop();
        Assert.Equal(StorageFailureKind.Unreachable, StorageFailure.From(thrown, TestContext.Current.CancellationToken)?.Kind);
        Assert.True(await resets >= 1, "the listener reset no connection");
    }

    [Fact]
    public async Task From_NoAnswerWithinTheNetworkTimeout_IsATimeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var table = Client(((IPEndPoint)listener.LocalEndpoint).Port, TimeSpan.FromMilliseconds(300));

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => table.GetEntityIfExistsAsync<TableEntity>("example.com", string.Empty, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(StorageFailureKind.Timeout, StorageFailure.From(thrown, TestContext.Current.CancellationToken)?.Kind);
    }

    private static TableClient Client(int port, TimeSpan networkTimeout)
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.NetworkTimeout = networkTimeout;
        return new TableServiceClient(Azurite.ConnectionStringFor(port), options).GetTableClient("delegations");
    }

    // Accepts each connection and closes it with a RST (linger 0) before answering, as a crashed or hostile peer does.
    private static async Task<int> ResetEveryConnectionAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        var resets = 0;
        try
        {
            while (true)
            {
                using var socket = await listener.AcceptSocketAsync(cancellationToken);
                var buffer = new byte[1];
                await socket.ReceiveAsync(buffer, cancellationToken);
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
                resets++;
            }
        }
        // Stop() ends the loop: a pending accept throws SocketException or ObjectDisposedException, the next one InvalidOperationException.
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            return resets;
        }
    }

    private static Exception Shape(string shape) => shape switch
    {
        "status 0" => new RequestFailedException(0, "Connection refused (127.0.0.1:1)", new HttpRequestException("Connection refused")),
        "408" => new RequestFailedException(408, "Request timeout (test)"),
        "429" => new RequestFailedException(429, "Too many requests (test)"),
        "500" => new RequestFailedException(500, "Internal error (test)"),
        "503 ServerBusy" => new RequestFailedException(503, "Server busy (test)", "ServerBusy", null),
        "401" => new RequestFailedException(401, "No token (test)"),
        "403 AuthorizationPermissionMismatch" => new RequestFailedException(403, "No role (test)", "AuthorizationPermissionMismatch", null),
        "404 TableNotFound" => new RequestFailedException(404, "No table (test)", TableErrorCode.TableNotFound.ToString(), null),
        "404 ResourceNotFound" => new RequestFailedException(404, "No account (test)", "ResourceNotFound", null),
        "400 OutOfRangeInput" => new RequestFailedException(400, "Bad key (test)", "OutOfRangeInput", null),
        "every retry refused" => new AggregateException("Retry failed after 3 tries.", Enumerable.Range(0, 3).Select(_ => Shape("status 0"))),
        "HttpRequestException" => new HttpRequestException("Name or service not known (test)"),
        "SocketException" => new SocketException((int)SocketError.ConnectionRefused),
        "IOException from a socket" => new IOException("Connection reset by peer (test)", new SocketException((int)SocketError.ConnectionReset)),
        "TaskCanceledException" => new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout (test)."),
        "TimeoutException" => new TimeoutException("test"),
        "CredentialUnavailableException" => new CredentialUnavailableException("No managed identity endpoint found (test).\nSecond line."),
        "AuthenticationFailedException" => new AuthenticationFailedException("ManagedIdentityCredential authentication failed (test)."),
        "InvalidOperationException" => new InvalidOperationException("a bug (test)"),
        "KeyNotFoundException" => new KeyNotFoundException("a bug (test)"),
        "FormatException" => new FormatException("a bug (test)"),
        "IOException from a file" => new IOException("Disk full (test)"),
        "retries with a defect among them" => new AggregateException(Shape("status 0"), new InvalidOperationException("a bug (test)")),
        "empty AggregateException" => new AggregateException(),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "no such shape"),
    };
}
