namespace Delegation.Benchmarks.ColdStart;

/// <summary>One app started under the harness with one set of app settings.</summary>
internal sealed record ColdStartVariant(string Name, string AppDirectory, IReadOnlyDictionary<string, string> Settings);
