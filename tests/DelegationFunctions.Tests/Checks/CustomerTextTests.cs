using Delegation.Checks;

namespace Delegation.Tests.Checks;

public sealed class CustomerTextTests
{
    [Theory]
    [InlineData("matrix.example.com:443", "matrix.example.com:443")]
    [InlineData("a\u001b]0;owned\u0007b", "a\\x1b]0;owned\\x07b")]
    [InlineData("x\u001b[2J\r\ny", "x\\x1b[2J\\x0d\\x0ay")]
    [InlineData("\u0000\u007f\u009b", "\\x00\\x7f\\x9b")]
    [InlineData("evil\u202etxt.exe", "evil\\u202etxt.exe")]
    [InlineData("a\u200db\u00adc\u2028d\ufeff", "a\\u200db\\u00adc\\u2028d\\ufeff")]
    [InlineData("pair \ud83d\ude00 kept", "pair \ud83d\ude00 kept")]
    [InlineData("bücher.example", "bücher.example")]
    [InlineData(null, "")]
    public void Quote_ControlAndInvisibleCharacters_AreEscaped(string? value, string expected)
    {
        Assert.Equal(expected, CustomerText.Quote(value));
    }

    [Fact]
    public void Quote_LoneSurrogate_IsEscaped()
    {
        var quoted = CustomerText.Quote("lone " + (char)0xd800 + " surrogate");

        Assert.Equal("lone \\ud800 surrogate", quoted);
    }

    [Fact]
    public void Quote_LongValue_KeepsTwoHundredCharactersAndSaysHowManyMore()
    {
        var quoted = CustomerText.Quote(new string('x', 60_000));

        Assert.Equal(new string('x', 200) + "… (59800 more characters)", quoted);
    }

    [Fact]
    public void Escape_AlreadyEscaped_ChangesNothing()
    {
        var once = CustomerText.Escape("a\u001bb\u202ec" + new string('y', 3000));

        Assert.Equal(once, CustomerText.Escape(once, int.MaxValue));
        Assert.Equal(CustomerText.MaxMessage + 8 + "… (1006 more characters)".Length, once.Length);
    }
}
