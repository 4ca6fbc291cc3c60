using BenchmarkDotNet.Running;
using Delegation.Benchmarks;

// "bare-kestrel" and "memory" are measurements the load scripts run; anything else goes to BenchmarkDotNet.
return args switch
{
    ["bare-kestrel", "--urls", var urls] => await BareKestrelApp.RunAsync(urls),
    ["memory", var count] => await CacheMemoryProbe.RunAsync(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(BareKestrelApp).Assembly).Run(args);
    return 0;
}
