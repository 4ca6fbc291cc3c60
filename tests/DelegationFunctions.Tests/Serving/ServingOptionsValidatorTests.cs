using Delegation.Serving;

namespace Delegation.Tests.Serving;

/// <summary>The edge lifetime (<c>s-maxage</c>) stays within [60, max-age].</summary>
public sealed class ServingOptionsValidatorTests
{
    [Theory]
    [InlineData(14400, 600)]
    [InlineData(14400, 60)]
    [InlineData(300, 300)]
    public void Validate_SharedMaxAgeWithinRange_Succeeds(int maxAge, int sharedMaxAge)
    {
        var options = new ServingOptions { MaxAgeSeconds = maxAge, SharedMaxAgeSeconds = sharedMaxAge };

        var result = new ServingOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(14400, 59, "Setting Delegation__SharedMaxAgeSeconds '59' is invalid: it must lie in [60, 14400].")]
    [InlineData(3600, 3601, "Setting Delegation__SharedMaxAgeSeconds '3601' is invalid: it must lie in [60, 3600].")]
    public void Validate_SharedMaxAgeOutsideRange_FailsNamingSettingAndRange(int maxAge, int sharedMaxAge, string expected)
    {
        var options = new ServingOptions { MaxAgeSeconds = maxAge, SharedMaxAgeSeconds = sharedMaxAge };

        var result = new ServingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.Failures!);
    }
}
