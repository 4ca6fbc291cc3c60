namespace Delegation.Tests.Infra;

/// <summary>
/// Parameters out of range or contradicting each other fail before deployment, naming the parameter and the rule: the
/// compiler refuses what a decorator states, the template's own checks the rest.
/// </summary>
public sealed class ParameterValidationTests
{
    private const string Domains = "param customDomains = [ { name: 'example.com' } ]\n";

    [Theory]
    [InlineData("param documentMaxAgeSeconds = 3600\n\nparam documentSharedMaxAgeSeconds = 3601\n", "Parameter documentSharedMaxAgeSeconds is 3601, above documentMaxAgeSeconds (3600)")]
    [InlineData("param enableWaf = true\n", "Parameter enableWaf is true, but frontDoorTier is Standard")]
    public async Task Snapshot_ContradictoryParameters_FailNamingTheParameter(string parameters, string expected)
    {
        var result = await Bicep.SnapshotAsync($"using 'main.bicep'\n\n{Domains}\n{parameters}");

        Assert.True(result.Failed);
        Assert.Contains(expected, result.Failure, StringComparison.Ordinal);
        Assert.Contains("Rule: ", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_SharedMaxAgeBelowOneMinute_Fails()
    {
        var result = await Bicep.SnapshotAsync($"using 'main.bicep'\n\n{Domains}\nparam documentSharedMaxAgeSeconds = 59\n");

        // The compiler refuses the parameter file itself, pointing at the line that sets it.
        Assert.True(result.Failed);
        Assert.Contains("test.bicepparam(5,", result.Failure, StringComparison.Ordinal);
        Assert.Contains("the minimum allowable value is 60", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SnapshotCommand_FailingTemplateCheck_PrintsTheMessageTheCompilerProcessGives()
    {
        var parameters = $"using 'main.bicep'\n\n{Domains}\nparam enableWaf = true\n";

        var inServer = await Bicep.SnapshotAsync(parameters);
        var command = await Bicep.SnapshotCommandAsync(parameters);

        // The tests above read the shared compiler process; the command line refuses the same file with the same words.
        Assert.True(inServer.Failed);
        Assert.Contains("Parameter enableWaf is true, but frontDoorTier is Standard", inServer.Failure, StringComparison.Ordinal);
        Assert.NotEqual(0, command.ExitCode);
        Assert.Contains(inServer.Failure!, command.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SnapshotCommand_ParameterFileNotCompiling_PrintsTheDiagnosticsTheCompilerProcessGives()
    {
        var parameters = $"using 'main.bicep'\n\n{Domains}\nparam documentSharedMaxAgeSeconds = 59\n";

        var inServer = await Bicep.SnapshotAsync(parameters);
        var command = await Bicep.SnapshotCommandAsync(parameters);

        // Each run has its own copy of infra/, so the lines are compared from the file name on.
        var lines = inServer.Failure!.Split('\n').Where(l => l.Contains("test.bicepparam(", StringComparison.Ordinal)).Select(l => l[l.IndexOf("test.bicepparam(", StringComparison.Ordinal)..].TrimEnd('\r')).ToList();
        Assert.NotEmpty(lines);
        Assert.NotEqual(0, command.ExitCode);
        Assert.All(lines, line => Assert.Contains(line, command.AllOutput, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Snapshot_SharedMaxAgeEqualToMaxAge_Succeeds()
    {
        var result = await Bicep.SnapshotAsync($"using 'main.bicep'\n\n{Domains}\nparam documentMaxAgeSeconds = 300\n\nparam documentSharedMaxAgeSeconds = 300\n");

        Assert.False(result.Failed, result.Failure);
    }

    [Theory]
    [InlineData(39)]
    [InlineData(1)]
    public async Task Snapshot_MaximumInstanceCountBelowTheFlexFloor_Fails(int count)
    {
        var result = await Bicep.SnapshotAsync($"using 'main.bicep'\n\n{Domains}\nparam maximumInstanceCount = {count}\n");

        Assert.True(result.Failed);
        Assert.Contains("test.bicepparam(5,", result.Failure, StringComparison.Ordinal);
        Assert.Contains("the minimum allowable value is 40", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_MaximumInstanceCountAtTheFlexFloor_ScalesTheAppToForty()
    {
        var result = await Bicep.SnapshotAsync($"using 'main.bicep'\n\n{Domains}\nparam maximumInstanceCount = 40\n");

        var scale = result.Single("Microsoft.Web/sites").Properties().GetProperty("functionAppConfig").GetProperty("scaleAndConcurrency");

        Assert.False(result.Failed, result.Failure);
        Assert.Equal(40, scale.GetProperty("maximumInstanceCount").GetInt32());
    }

    [Theory]
    [InlineData("MxDeleg")]
    [InlineData("mx-deleg")]
    [InlineData("mx_deleg")]
    [InlineData("mx.deleg")]
    [InlineData("mx deleg")]
    [InlineData("mx\u00e9")]
    public async Task Snapshot_NamePrefixWithOtherCharacters_FailsNamingThePrefixAndTheRule(string prefix)
    {
        var result = await Bicep.SnapshotAsync($"using 'main.bicep'\n\n{Domains}\nparam namePrefix = '{prefix}'\n");

        Assert.True(result.Failed);
        Assert.Contains($"Parameter namePrefix '{prefix}' holds a character other than a lower-case letter or digit. Rule: 2 to 8 lower-case letters (a-z) and digits", result.Failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("m", "the minimum allowable length is 2")]
    [InlineData("mxdelega1", "the maximum allowable length is 8")]
    public async Task Snapshot_NamePrefixOfTheWrongLength_Fails(string prefix, string expected)
    {
        var result = await Bicep.SnapshotAsync($"using 'main.bicep'\n\n{Domains}\nparam namePrefix = '{prefix}'\n");

        Assert.True(result.Failed);
        Assert.Contains("test.bicepparam(5,", result.Failure, StringComparison.Ordinal);
        Assert.Contains(expected, result.Failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0x")]
    [InlineData("mxdeleg9")]
    public async Task Snapshot_NamePrefixAtTheLimits_GivesValidStorageAndWafNames(string prefix)
    {
        var result = await Bicep.SnapshotAsync($"using 'main.bicep'\n\n{Domains}\nparam namePrefix = '{prefix}'\n\nparam frontDoorTier = 'Premium'\n\nparam enableWaf = true\n");

        var storage = result.Single("Microsoft.Storage/storageAccounts").GetProperty("name").GetString()!;
        var waf = result.Single("Microsoft.Network/FrontDoorWebApplicationFirewallPolicies").GetProperty("name").GetString()!;

        Assert.False(result.Failed, result.Failure);
        Assert.Matches("^[a-z0-9]{3,24}$", storage);
        Assert.Contains(prefix, storage, StringComparison.Ordinal);
        Assert.Matches("^[a-zA-Z][a-zA-Z0-9]{0,127}$", waf);
        Assert.Contains(prefix, waf, StringComparison.Ordinal);
    }
}
