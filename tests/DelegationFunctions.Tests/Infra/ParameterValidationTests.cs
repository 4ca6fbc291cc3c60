namespace Delegation.Tests.Infra;

/// <summary>Parameters that contradict each other fail before deployment, naming the parameter and the rule.</summary>
public sealed class ParameterValidationTests
{
    private const string Domains = "param customDomains = [ { name: 'example.com' } ]\n";

    [Theory]
    [InlineData("param documentMaxAgeSeconds = 3600\n\nparam documentSharedMaxAgeSeconds = 3601\n", "Parameter documentSharedMaxAgeSeconds is 3601, above documentMaxAgeSeconds (3600)")]
    [InlineData("param enableWaf = true\n", "Parameter enableWaf is true, but frontDoorTier is Standard")]
    public async Task Snapshot_ContradictoryParameters_FailNamingTheParameter(string parameters, string expected)
    {
        var result = await Bicep.SnapshotAsync($"using 'main.bicep'\n\n{Domains}\n{parameters}");

        Assert.NotEqual(0, result.Run.ExitCode);
        Assert.Contains(expected, result.Run.AllOutput, StringComparison.Ordinal);
        Assert.Contains("Rule: ", result.Run.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_SharedMaxAgeBelowOneMinute_Fails()
    {
        var result = await Bicep.SnapshotAsync($"using 'main.bicep'\n\n{Domains}\nparam documentSharedMaxAgeSeconds = 59\n");

        // The compiler refuses the parameter file itself, pointing at the line that sets it.
        Assert.NotEqual(0, result.Run.ExitCode);
        Assert.Contains("test.bicepparam(5,", result.Run.AllOutput, StringComparison.Ordinal);
        Assert.Contains("the minimum allowable value is 60", result.Run.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_SharedMaxAgeEqualToMaxAge_Succeeds()
    {
        var result = await Bicep.SnapshotAsync($"using 'main.bicep'\n\n{Domains}\nparam documentMaxAgeSeconds = 300\n\nparam documentSharedMaxAgeSeconds = 300\n");

        Assert.True(result.Run.ExitCode == 0, result.Run.AllOutput);
    }
}
