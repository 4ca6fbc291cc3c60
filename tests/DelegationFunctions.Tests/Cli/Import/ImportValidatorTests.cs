using Delegation.Cli.Import;

namespace Delegation.Tests.Cli.Import;

/// <summary>Import holds each key to the same domain rules as <c>set</c> and the service.</summary>
public sealed class ImportValidatorTests
{
    [Theory]
    [InlineData("xn--zz.example", "the label 'xn--zz' starts with 'xn--' but is not a valid A-label (it does not decode to Unicode and back); write the name in Unicode, or copy its A-label exactly")]
    [InlineData("https://example.com", "is a URL: give the domain, e.g. example.com")]
    public void Validate_InvalidKey_IsAProblemOfThatLine(string key, string rule)
    {
        ImportRecord[] records =
        [
            new(2, "xn--bcher-kva.example", new Dictionary<string, string?> { ["Server"] = "matrix.bücher.example:443" }, []),
            new(3, key, new Dictionary<string, string?> { ["Server"] = "matrix.example.com:443" }, []),
        ];

        var validated = ImportValidator.Validate(records);

        var problem = Assert.Single(validated.Problems);
        Assert.Equal((3, "PartitionKey", key, rule), (problem.Line, problem.Field, problem.Value, problem.Rule));
        var row = Assert.Single(validated.Rows);
        Assert.Equal("matrix.xn--bcher-kva.example:443", row.Row.Server);
    }
}
