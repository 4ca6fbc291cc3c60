using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Delegation.Cli.Common;
using Delegation.Serving;
using Delegation.Table;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Delegation.Cli.Serve;

/// <summary><c>delegation serve</c>: the function app's handler on Kestrel, for running without <c>func</c> and for load tests.</summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    public static Command Create(ConnectionOptions connection)
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on, separated by ';'. Port 0 takes a free port, printed once listening.", DefaultValueFactory = _ => DefaultUrls };
        var certificate = new Option<string?>("--certificate") { Description = "PEM certificate (chain) for https:// URLs." };
        var certificateKey = new Option<string?>("--certificate-key") { Description = "PEM private key of --certificate (default: the key in the --certificate file)." };
        var command = new Command(
            "serve",
            "Serve /.well-known/matrix/{server,client,support} from the table, exactly as the function app does.\nSettings (Delegation__MaxAgeSeconds, FrontDoorId, ...) come from the environment.\n\nExample:\n  delegation serve --urls http://127.0.0.1:8080\n  delegation serve --urls https://127.0.0.1:8443 --certificate cert.pem --certificate-key key.pem")
        {
            urls,
            certificate,
            certificateKey,
        };

        CommandAction.Set(command, connection, async (parseResult, context, cancellationToken) =>
        {
            var storage = connection.Read(parseResult);
            ListenUrls.Check(parseResult.GetValue(urls)!, parseResult.GetValue(certificate) is not null);
            var builder = CreateBuilder(parseResult.GetValue(urls)!, storage, certificate: LoadCertificate(parseResult.GetValue(certificate), parseResult.GetValue(certificateKey)));
            // One read at start: a table that cannot be read is a warning now, not a surprise at the first request.
            builder.Services.AddHostedService<StorageWarmUp>();
            WebApplication app;
            try
            {
                // Mapping the endpoints resolves the handler, and so reads and validates the settings it needs.
                app = Build(builder);
                await app.StartAsync(cancellationToken);
            }
            catch (IOException ex) when (ex.InnerException is AddressInUseException)
            {
                // Kestrel's message names the address: "Failed to bind to address http://127.0.0.1:8080: address already in use."
                throw new CliException(ExitCodes.Usage, $"Cannot start: {ex.Message.TrimEnd('.')}. Stop what listens there, or choose another port with --urls (port 0 takes a free one).");
            }
            catch (Exception ex) when (ex is IOException or Microsoft.Extensions.Options.OptionsValidationException or InvalidOperationException)
            {
                throw new CliException(ExitCodes.Usage, $"Cannot start: {ex.Message}");
            }

            // After the start app.Urls holds the bound addresses (IServerAddressesFeature): port 0 shows the port taken.
            await context.Output.WriteLineAsync($"Serving table '{storage.TableName}' on {string.Join(", ", app.Urls)}. Press Ctrl+C to stop.");
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    internal static WebApplicationBuilder CreateBuilder(
        string urls,
        DelegationStorageOptions storage,
        IReadOnlyDictionary<string, string?>? settings = null,
        X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls);
        if (certificate is not null)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DelegationStorageOptions.ConnectionStringKey] = storage.ConnectionString,
            [DelegationStorageOptions.TableServiceUriKey] = storage.TableServiceUri?.ToString(),
            [DelegationStorageOptions.TableKey] = storage.TableName,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        // The host logs a failed start with its stack trace; the command reports it in one line instead.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Services.AddDelegationServing();
        return builder;
    }

    internal static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.MapWellKnown();
        return app;
    }

    private static X509Certificate2? LoadCertificate(string? certificatePath, string? keyPath)
    {
        if (certificatePath is null)
        {
            return keyPath is null ? null : throw new CliException(ExitCodes.Usage, "--certificate-key needs --certificate.");
        }

        try
        {
            return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new CliException(ExitCodes.Usage, $"--certificate '{certificatePath}' cannot be loaded{(keyPath is null ? string.Empty : $" with key '{keyPath}'")}: {ex.Message}");
        }
    }
}
