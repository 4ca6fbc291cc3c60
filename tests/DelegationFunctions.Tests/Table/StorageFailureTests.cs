using System.Net;
using System.Net.Sockets;
using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Azure.Identity;
using Delegation.Serving;
using Delegation.Table;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Delegation.Tests.Table;

/// <summary>
/// The one judgement of "table storage failed", per shape: the Table service's answers through the client's transport,
/// the exceptions real sockets make the SDK throw, and the credential's and our own code's exceptions.
/// </summary>
public sealed class StorageFailureTests
{
    [Theory]
    [InlineData("404 ResourceNotFound", StorageFailureKind.Rejected)]
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

    /// <summary>
    /// What the serving path's client (its retry policy and network timeout) throws for each answer of the Table service,
    /// through the store the composition root builds: only the transport is the test's.
    /// </summary>
    [Theory]
    [InlineData("500 InternalError", StorageFailureKind.ServerError, "the table service failed (500 InternalError)", 2)]
    [InlineData("503 ServerBusy with Retry-After", StorageFailureKind.ServerError, "the table service failed (503 ServerBusy)", 2)]
    [InlineData("429 TooManyRequests", StorageFailureKind.Throttled, "the table service is throttling requests (429 TooManyRequests)", 2)]
    [InlineData("408 OperationTimedOut", StorageFailureKind.Timeout, "the table service did not answer in time (408 OperationTimedOut)", 2)]
    [InlineData("401 InvalidAuthenticationInfo", StorageFailureKind.AccessDenied, "access denied (401 InvalidAuthenticationInfo)", 1)]
    [InlineData("403 AuthorizationPermissionMismatch", StorageFailureKind.AccessDenied, "access denied (403 AuthorizationPermissionMismatch)", 1)]
    [InlineData("404 TableNotFound", StorageFailureKind.TableNotFound, "the table does not exist (404 TableNotFound)", 1)]
    [InlineData("400 OutOfRangeInput", StorageFailureKind.Rejected, "the table service refused the request (400 OutOfRangeInput: ", 1)]
    [InlineData("200 with a page that is not JSON", StorageFailureKind.Unreadable, "the table service's answer could not be read (200: ", 1)]
    [InlineData("200 with JSON cut short", StorageFailureKind.Unreadable, "the table service's answer could not be read (200: ", 1)]
    [InlineData("connection refused", StorageFailureKind.Unreachable, "the table service cannot be reached (", 2)]
    [InlineData("no answer", StorageFailureKind.Timeout, "the table service did not answer in time", 2)]
    public async Task From_WhatTheServingClientThrows_GivesTheKindAndOneLine(string answer, StorageFailureKind kind, string description, int tries)
    {
        var transport = Answer(answer);
        await using var services = ServingStorage(transport);

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => services.GetRequiredService<IDelegationStore>().GetAsync("example.com", TestContext.Current.CancellationToken));
        var failure = StorageFailure.From(thrown, TestContext.Current.CancellationToken);

        Assert.Equal(kind, failure?.Kind);
        Assert.StartsWith(description, failure!.Description, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Description);
        Assert.Equal(tries, transport.Tries);
    }

    [Fact]
    public async Task GetAsync_404WithoutTableNotFound_IsNoRowNotAFailure()
    {
        var transport = FaultTransport.Always(() => FaultTransport.Error(HttpStatusCode.NotFound, TableErrorCode.ResourceNotFound.ToString()));
        await using var services = ServingStorage(transport);

        var row = await services.GetRequiredService<IDelegationStore>().GetAsync("example.com", TestContext.Current.CancellationToken);

        Assert.Null(row);
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

    private static FaultTransport Answer(string answer) => answer switch
    {
        "500 InternalError" => FaultTransport.Always(() => FaultTransport.Error(HttpStatusCode.InternalServerError, "InternalError")),
        "503 ServerBusy with Retry-After" => FaultTransport.Always(() => FaultTransport.Error(HttpStatusCode.ServiceUnavailable, "ServerBusy", ("Retry-After", "0"))),
        "429 TooManyRequests" => FaultTransport.Always(() => FaultTransport.Error(HttpStatusCode.TooManyRequests, "TooManyRequests")),
        "408 OperationTimedOut" => FaultTransport.Always(() => FaultTransport.Error(HttpStatusCode.RequestTimeout, "OperationTimedOut")),
        "401 InvalidAuthenticationInfo" => FaultTransport.Always(() => FaultTransport.Error(HttpStatusCode.Unauthorized, "InvalidAuthenticationInfo")),
        "403 AuthorizationPermissionMismatch" => FaultTransport.Always(() => FaultTransport.Error(HttpStatusCode.Forbidden, "AuthorizationPermissionMismatch")),
        "404 TableNotFound" => FaultTransport.Always(() => FaultTransport.Error(HttpStatusCode.NotFound, TableErrorCode.TableNotFound.ToString())),
        "400 OutOfRangeInput" => FaultTransport.Always(() => FaultTransport.Error(HttpStatusCode.BadRequest, "OutOfRangeInput")),
        "200 with a page that is not JSON" => FaultTransport.Always(() => FaultTransport.Json(HttpStatusCode.OK, "<html><body>Sign in to the network</body></html>")),
        "200 with JSON cut short" => FaultTransport.Always(() => FaultTransport.Json(HttpStatusCode.OK, "{\"PartitionKey\":\"example.com\",\"Ser")),
        "connection refused" => FaultTransport.Throwing(() => new HttpRequestException("Connection refused (test)", new SocketException((int)SocketError.ConnectionRefused))),
        "no answer" => FaultTransport.Hanging(),
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer, "no such answer"),
    };

    /// <summary>The serving path's storage (client options included) with the transport replaced; the endpoint is never contacted.</summary>
    private static ServiceProvider ServingStorage(FaultTransport transport)
    {
        var settings = new Dictionary<string, string?>
        {
            [DelegationStorageOptions.ConnectionStringKey] = Azurite.ConnectionStringFor(ReservedPorts.RefusingTcp),
            ["Delegation:StorageTimeoutSeconds"] = "0.2",
        };
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddDelegationServing();
        return transport.UseIn(services).BuildServiceProvider();
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
        "404 ResourceNotFound" => new RequestFailedException(404, "No account (test)", "ResourceNotFound", null),
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
        "retries with a defect among them" => new AggregateException(new RequestFailedException(0, "Connection refused (test)"), new InvalidOperationException("a bug (test)")),
        "empty AggregateException" => new AggregateException(),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "no such shape"),
    };
}
