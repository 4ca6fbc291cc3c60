using System.Runtime.InteropServices;
using FunctionsHostHarness;

// Serves a built isolated function app through the harness, for eng/run-functions.sh and eng/loadtest.sh:
//   dotnet FunctionsHostHarness.dll <app folder> <url>
// The worker gets this process's environment as its app settings. Ctrl+C or SIGTERM stops it the way the host would.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: FunctionsHostHarness <built function app folder> <url, e.g. http://127.0.0.1:7071>");
    return 2;
}

var settings = new Dictionary<string, string>();
await using var host = await FunctionsHost.StartAsync(args[0], settings, new FunctionsHostOptions { Url = args[1] });
Console.WriteLine($"Functions host harness: {host.Functions.Count} functions loaded, listening on {host.BaseAddress}");
foreach (var function in host.Functions)
{
    Console.WriteLine(function.Trigger is { } http
        ? $"  {function.Name}: /{function.Route} ({http.AuthLevel})"
        : $"  {function.Name}: {function.Metadata.Bindings[function.TriggerBindingName].Type} (not run by the harness on its own)");
}

var stopped = new TaskCompletionSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopped.TrySetResult();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
await stopped.Task;
var exitCode = await host.StopAsync();
Console.WriteLine($"Worker stopped with exit code {exitCode}.");
return 0;
