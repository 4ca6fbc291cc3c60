using System.Collections.Concurrent;

namespace Delegation.Tests.Infra;

/// <summary>
/// Each file of infra/ compiled once for <see cref="TemplateBuildTests"/>: its build test and its lint test read the
/// same compilation, since the linter's findings are diagnostics of the compile.
/// </summary>
public sealed class TemplateCompilations
{
    private readonly ConcurrentDictionary<string, Lazy<Task<CompileResult>>> _compiled = new(StringComparer.Ordinal);

    /// <summary>The compilation of <paramref name="file"/>, a path relative to infra/.</summary>
    internal Task<CompileResult> GetAsync(string file) =>
        _compiled.GetOrAdd(file, f => new Lazy<Task<CompileResult>>(() => Bicep.CompileAsync(Path.Combine(Bicep.InfraFolder, f)))).Value;
}
