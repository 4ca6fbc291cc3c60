namespace Delegation.Tests.Infra;

public sealed class TemplateBuildTests(TemplateCompilations compilations) : IClassFixture<TemplateCompilations>
{
    public static TheoryData<string> BicepFiles() => new(Directory.EnumerateFiles(Bicep.InfraFolder, "*.bicep", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Bicep.InfraFolder, f)));

    public static TheoryData<string> ParameterFiles() => new(Directory.EnumerateFiles(Bicep.InfraFolder, "*.bicepparam", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Bicep.InfraFolder, f)));

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Build_EveryTemplate_CompilesWithoutDiagnostics(string file)
    {
        var result = await compilations.GetAsync(file);

        Assert.True(result.Success, result.Describe());
        Assert.DoesNotContain(result.Diagnostics, d => d.Level is "Error" or "Warning");
        Assert.Contains("\"$schema\"", result.Contents, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Lint_EveryTemplate_ReportsNothing(string file)
    {
        var result = await compilations.GetAsync(file);

        Assert.True(result.Success, result.Describe());
        Assert.True(result.Diagnostics.Count == 0, result.Describe());
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public async Task BuildParams_EveryParameterFile_CompilesWithoutDiagnostics(string file)
    {
        var result = await compilations.GetAsync(file);

        Assert.True(result.Success, result.Describe());
        Assert.DoesNotContain(result.Diagnostics, d => d.Level is "Error" or "Warning");
        Assert.Contains("customDomains", result.Contents, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_TemplateBreakingAConfiguredRule_FailsTheBuild()
    {
        var folder = Directory.CreateTempSubdirectory("lint-");
        try
        {
            File.Copy(Path.Combine(Bicep.InfraFolder, "bicepconfig.json"), Path.Combine(folder.FullName, "bicepconfig.json"));
            var template = Path.Combine(folder.FullName, "unused.bicep");
            await File.WriteAllTextAsync(template, "@description('never used')\nparam unused string\n", TestContext.Current.CancellationToken);

            var compiled = await Bicep.CompileAsync(template, TestContext.Current.CancellationToken);
            var result = await Bicep.RunAsync("build", template, "--stdout");

            // The shared compiler, which the tests above read, and the command line both apply the configured rule.
            Assert.False(compiled.Success, compiled.Describe());
            Assert.Contains(compiled.Diagnostics, d => d is { Level: "Error", Code: "no-unused-params" });
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("Error no-unused-params", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
