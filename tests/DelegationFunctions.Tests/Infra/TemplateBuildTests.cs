namespace Delegation.Tests.Infra;

public sealed class TemplateBuildTests
{
    public static TheoryData<string> BicepFiles() => new(Directory.EnumerateFiles(Bicep.InfraFolder, "*.bicep", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Bicep.InfraFolder, f)));

    public static TheoryData<string> ParameterFiles() => new(Directory.EnumerateFiles(Bicep.InfraFolder, "*.bicepparam", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Bicep.InfraFolder, f)));

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Build_EveryTemplate_CompilesWithoutDiagnostics(string file)
    {
        var result = await Bicep.RunAsync("build", Path.Combine(Bicep.InfraFolder, file), "--stdout");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.DoesNotContain(": Error ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(": Warning ", result.Error, StringComparison.Ordinal);
        Assert.Contains("\"$schema\"", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Lint_EveryTemplate_ReportsNothing(string file)
    {
        var result = await Bicep.RunAsync("lint", Path.Combine(Bicep.InfraFolder, file));

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Equal(string.Empty, result.AllOutput.Trim());
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public async Task BuildParams_EveryParameterFile_CompilesWithoutDiagnostics(string file)
    {
        var result = await Bicep.RunAsync("build-params", Path.Combine(Bicep.InfraFolder, file), "--stdout");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.DoesNotContain(": Error ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(": Warning ", result.Error, StringComparison.Ordinal);
        Assert.Contains("customDomains", result.Output, StringComparison.Ordinal);
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

            var result = await Bicep.RunAsync("build", template, "--stdout");

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("Error no-unused-params", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
