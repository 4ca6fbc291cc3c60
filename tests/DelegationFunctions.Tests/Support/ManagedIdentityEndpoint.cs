using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Delegation.Tests.Support;

/// <summary>
/// The App Service managed identity endpoint that Flex Consumption gives a function app, on a loopback port:
/// <c>GET $IDENTITY_ENDPOINT?resource=...&amp;api-version=2019-08-01</c> with the secret in <c>X-IDENTITY-HEADER</c>,
/// answered with <c>access_token</c>, <c>expires_on</c> (Unix seconds as a string), <c>resource</c> and
/// <c>token_type</c>. That is the request Azure.Identity 1.21 sends through MSAL
/// (AzureAD/microsoft-authentication-library-for-dotnet, ManagedIdentity/AppServiceManagedIdentitySource.cs), which
/// takes the endpoint as given (http on loopback is fine) when both variables are set. The token is an unsigned-ok JWT
/// of the shape Azurite's <c>--oauth basic</c> checks: audience, issuer prefix, <c>iat</c>/<c>nbf</c>/<c>exp</c>.
/// </summary>
internal sealed class ManagedIdentityEndpoint : IAsyncDisposable
{
    public const string StorageResource = "https://storage.azure.com";
    public const string TenantId = "72f988bf-0000-4000-8000-0000000000aa";
    public const string ObjectId = "5c1e0000-0000-4000-8000-0000000000b0";

    private readonly WebApplication _app;
    private readonly string _secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private ManagedIdentityEndpoint(WebApplication app) => _app = app;

    /// <summary>What the endpoint answers from now on.</summary>
    public IdentityAnswer Answer { get; set; } = IdentityAnswer.Token;

    /// <summary>Every request, as "resource api-version secret-ok".</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Requests with the right secret and api-version for the storage resource: the ones a token answers.</summary>
    public int TokenRequests => Requests.Count(r => r == $"{StorageResource} 2019-08-01 secret-ok");

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The two variables the platform sets, for a process's environment.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["IDENTITY_ENDPOINT"] = Endpoint.AbsoluteUri,
        ["IDENTITY_HEADER"] = _secret,
    };

    public static async Task<ManagedIdentityEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var endpoint = new ManagedIdentityEndpoint(app);
        app.MapGet("/msi/token", endpoint.HandleAsync);
        await app.StartAsync();
        endpoint.Endpoint = new Uri(new Uri(app.Urls.First()), "/msi/token");
        return endpoint;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A JWT as Entra ID issues for storage, signature not checked by Azurite; <paramref name="lifetime"/> may be negative (expired).</summary>
    public static string Jwt(string audience, TimeSpan lifetime)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new { alg = "RS256", typ = "JWT", kid = "delegation-tests" };
        var claims = new Dictionary<string, object>
        {
            ["aud"] = audience,
            ["iss"] = $"https://sts.windows.net/{TenantId}/",
            ["iat"] = now - 300,
            ["nbf"] = now - 300,
            ["exp"] = now + (long)lifetime.TotalSeconds,
            ["oid"] = ObjectId,
            ["sub"] = ObjectId,
            ["tid"] = TenantId,
            ["idtyp"] = "app",
        };
        return $"{Base64Url(JsonSerializer.SerializeToUtf8Bytes(header))}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims))}.{Base64Url(RandomNumberGenerator.GetBytes(256))}";
    }

    private async Task HandleAsync(HttpContext context)
    {
        var resource = context.Request.Query["resource"].ToString();
        var apiVersion = context.Request.Query["api-version"].ToString();
        var secretOk = context.Request.Headers["X-IDENTITY-HEADER"].ToString() == _secret;
        Requests.Enqueue($"{resource} {apiVersion} {(secretOk ? "secret-ok" : "secret-wrong")}");
        if (!secretOk || apiVersion != "2019-08-01")
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "X-IDENTITY-HEADER or api-version is wrong.");
            return;
        }

        switch (Answer)
        {
            case IdentityAnswer.Refuse:
                await ErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_resource", "The identity is not allowed to get a token (test).");
                return;
            case IdentityAnswer.ExpiredToken:
                await TokenAsync(context, resource, Jwt(resource, TimeSpan.FromMinutes(-5)), TimeSpan.FromHours(1));
                return;
            case IdentityAnswer.WrongAudience:
                await TokenAsync(context, resource, Jwt("https://vault.azure.net", TimeSpan.FromHours(1)), TimeSpan.FromHours(1));
                return;
            default:
                await TokenAsync(context, resource, Jwt(resource, TimeSpan.FromHours(1)), TimeSpan.FromHours(1));
                return;
        }
    }

    // expires_on is what MSAL caches by; an expired token still claims an hour so the client sends it and the service refuses it.
    private static Task TokenAsync(HttpContext context, string resource, string token, TimeSpan expiresIn) =>
        context.Response.WriteAsJsonAsync(new Dictionary<string, string>
        {
            ["access_token"] = token,
            ["expires_on"] = DateTimeOffset.UtcNow.Add(expiresIn).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["resource"] = resource,
            ["token_type"] = "Bearer",
            ["client_id"] = ObjectId,
        });

    private static Task ErrorAsync(HttpContext context, int status, string error, string description)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description });
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
