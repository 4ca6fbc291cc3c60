using System.Globalization;
using BenchmarkDotNet.Running;
using Delegation.Benchmarks;
using Delegation.Benchmarks.ColdStart;
using Delegation.Benchmarks.Import;

// "bare-kestrel", "memory", "import" and "coldstart" are measurements the eng/ scripts run; anything else goes to BenchmarkDotNet.
return args switch
{
    ["bare-kestrel", "--urls", var urls] => await BareKestrelApp.RunAsync(urls),
    ["memory", var count] => await CacheMemoryProbe.RunAsync(int.Parse(count, CultureInfo.InvariantCulture)),
    ["import", var connection, var rows, var parallel, var azuritePid] =>
        await ImportComparison.RunAsync(connection, int.Parse(rows, CultureInfo.InvariantCulture), parallel, new ServerCpu(int.Parse(azuritePid, CultureInfo.InvariantCulture))),
    ["coldstart", var azurite, var azuritePort, var functionApp, var constantApp, var rounds, .. var baseline] when baseline.Length <= 1 =>
        await ColdStartComparison.RunAsync(azurite, int.Parse(azuritePort, CultureInfo.InvariantCulture), functionApp, constantApp, int.Parse(rounds, CultureInfo.InvariantCulture), baseline.FirstOrDefault()),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(BareKestrelApp).Assembly).Run(args);
    return 0;
}
