using System.Globalization;

namespace Delegation.Benchmarks.Import;

/// <summary>CPU time (user + system) another process has used so far, from /proc on Linux.</summary>
internal sealed class ServerCpu(int processId)
{
    public TimeSpan Read()
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}
