using System.Net;
using System.Text;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Delegation.Table;
using Microsoft.Extensions.DependencyInjection;

namespace Delegation.Tests.Support;

/// <summary>
/// The table clients' transport with the network replaced by a test's function, the idea of the Azure SDK's own
/// <c>MockTransport</c> (Azure/azure-sdk-for-net, sdk/core/Azure.Core.TestFramework): each try the SDK's pipeline sends
/// gets the answer the function gives (a status with its error code, headers and body) or the exception it throws.
/// Everything above the transport is the SDK's own (retries, <c>Retry-After</c>, the network timeout, error parsing),
/// so a client throws what it throws in production. Faults of the network itself belong to <c>StallingProxy</c>,
/// <c>TableWriteProxy</c> and <see cref="ReservedPorts"/>.
/// </summary>
internal sealed class FaultTransport : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _answer;
    private int _tries;

    public FaultTransport(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer)
    {
        _answer = answer;
        Transport = new HttpClientTransport(this);
    }

    /// <summary>Azure.Core's own HTTP transport over this handler, as a client's options take it.</summary>
    public HttpPipelineTransport Transport { get; }

    /// <summary>The tries the pipeline sent, retries included.</summary>
    public int Tries => Volatile.Read(ref _tries);

    /// <summary>Every try gets the same answer.</summary>
    public static FaultTransport Always(Func<HttpResponseMessage> answer) => new((_, _) => Task.FromResult(answer()));

    /// <summary>Every try throws, as a handler does when the connection fails.</summary>
    public static FaultTransport Throwing(Func<Exception> exception) => new((_, _) => Task.FromException<HttpResponseMessage>(exception()));

    /// <summary>Every try waits until the pipeline gives up on it (its network timeout, or the caller's token).</summary>
    public static FaultTransport Hanging() => new(async (_, cancellationToken) =>
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    });

    /// <summary>A Table service error: the status, <c>x-ms-error-code</c> and the OData error body the service sends.</summary>
    public static HttpResponseMessage Error(HttpStatusCode status, string errorCode, params (string Name, string Value)[] headers)
    {
        var message = $"{errorCode} (test)\\nRequestId:0\\nTime:2026-12-07T00:00:00Z";
        var response = Json(status, "{\"odata.error\":{\"code\":\"" + errorCode + "\",\"message\":{\"lang\":\"en-US\",\"value\":\"" + message + "\"}}}");
        response.Headers.Add("x-ms-error-code", errorCode);
        foreach (var (name, value) in headers)
        {
            response.Headers.Add(name, value);
        }

        return response;
    }

    /// <summary>A JSON answer as the Table service gives it (full metadata off).</summary>
    public static HttpResponseMessage Json(HttpStatusCode status, string body) => new(status)
    {
        Content = new StringContent(body, Encoding.UTF8, "application/json"),
    };

    /// <summary>
    /// Gives every table client of <paramref name="services"/> this transport: each purpose's client options, as the host
    /// registered them (<see cref="DelegationStorageServiceCollectionExtensions"/>), with <see cref="Transport"/> set.
    /// Call it after the host's own <c>Add…</c> calls.
    /// </summary>
    public IServiceCollection UseIn(IServiceCollection services)
    {
        foreach (var purpose in new[] { DelegationStorageServiceCollectionExtensions.DelegationsClient, DelegationStorageServiceCollectionExtensions.CheckResultsClient })
        {
            var registered = services.Single(d => d.IsKeyedService && Equals(d.ServiceKey, purpose) && d.ServiceType == typeof(TableClientOptions));
            services.Remove(registered);
            services.AddKeyedSingleton(purpose, (sp, key) =>
            {
                var options = (TableClientOptions)registered.KeyedImplementationFactory!(sp, key);
                options.Transport = Transport;
                return options;
            });
        }

        return services;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _tries);
        return _answer(request, cancellationToken);
    }
}
