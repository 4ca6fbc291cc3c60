using System.CommandLine;
using Delegation.Cli.Common;
using Delegation.Serving;
using Delegation.Table;
using Microsoft.AspNetCore.Builder;
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
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on, separated by ';'.", DefaultValueFactory = _ => DefaultUrls };
        var command = new Command(
            "serve",
            "Serve /.well-known/matrix/{server,client,support} from the table, exactly as the function app does.\nSettings (Delegation__MaxAgeSeconds, FrontDoorId, ...) come from the environment.\n\nExample:\n  delegation serve --urls http://127.0.0.1:8080")
        {
            urls,
        };

        CommandAction.Set(command, async (parseResult, context, cancellationToken) =>
        {
            var storage = connection.Read(parseResult);
            var app = Build(parseResult.GetValue(urls)!, storage);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or Microsoft.Extensions.Options.OptionsValidationException or InvalidOperationException)
            {
                throw new CliException(ExitCodes.Usage, $"Cannot start: {ex.Message}");
            }

            await context.Output.WriteLineAsync($"Serving table '{storage.TableName}' on {string.Join(", ", app.Urls)}. Press Ctrl+C to stop.");
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    internal static WebApplication Build(string urls, DelegationStorageOptions storage, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls);
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
        builder.Services.AddDelegationServing();

        var app = builder.Build();
        var handler = app.Services.GetRequiredService<WellKnownHandler>();
        app.Run(context => WellKnownPaths.TryMatch(context.Request.Path, out var document)
            ? handler.HandleAsync(context, document)
            : WellKnownHandler.WriteUnknownPathAsync(context));
        return app;
    }
}
