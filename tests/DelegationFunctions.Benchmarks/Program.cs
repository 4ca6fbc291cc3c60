using System.Globalization;
using BenchmarkDotNet.Running;
using Delegation.Benchmarks;
using Delegation.Benchmarks.Import;

// "bare-kestrel", "memory" and "import" are measurements the eng/ scripts run; anything else goes to BenchmarkDotNet.
return args switch
{
    ["bare-kestrel", "--urls", var urls] => await BareKestrelApp.RunAsync(urls),
    ["memory", var count] => await CacheMemoryProbe.RunAsync(int.Parse(count, CultureInfo.InvariantCulture)),
    ["import", var connection, var rows, var parallel, var azuritePid] =>
        await ImportComparison.RunAsync(connection, int.Parse(rows, CultureInfo.InvariantCulture), parallel, new ServerCpu(int.Parse(azuritePid, CultureInfo.InvariantCulture))),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(BareKestrelApp).Assembly).Run(args);
    return 0;
}
