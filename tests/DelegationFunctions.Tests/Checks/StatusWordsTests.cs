using Delegation.Checks;

namespace Delegation.Tests.Checks;

public sealed class StatusWordsTests
{
    [Theory]
    [InlineData("Ok", "ok", "ok")]
    [InlineData("Warning", "warning", "warn")]
    [InlineData("Fail", "fail", "FAIL")]
    public void Of_EachResult_StoredWordReadsBackAndListColumnDiffers(string name, string stored, string column)
    {
        var status = Enum.Parse<CheckStatus>(name);

        var word = StatusWords.Of(status);

        Assert.Equal(stored, word);
        Assert.True(StatusWords.TryParse(word, out var parsed));
        Assert.Equal(status, parsed);
        Assert.Equal(column, StatusWords.Column(status));
    }

    [Theory]
    [InlineData("WARN", true, "Warning")]
    [InlineData("Ok", true, "Ok")]
    [InlineData("failed", false, "Fail")]
    [InlineData(null, false, "Fail")]
    public void TryParse_HandEditedWord_ReadsKnownWordsInAnyCase(string? word, bool known, string expected)
    {
        var result = StatusWords.TryParse(word, out var status);

        Assert.Equal(known, result);
        Assert.Equal(Enum.Parse<CheckStatus>(expected), status);
    }

    [Fact]
    public void Column_NothingRecorded_IsNever() => Assert.Equal("never", StatusWords.Column(null));

    [Theory]
    [InlineData("Ok", "OK")]
    [InlineData("None", "none")]
    [InlineData("Warn", "WARN")]
    [InlineData("Fail", "FAIL")]
    public void Of_EachVerdict_ReportWord(string verdict, string expected) => Assert.Equal(expected, StatusWords.Of(Enum.Parse<Verdict>(verdict)));

    [Theory]
    [InlineData("Info", "[info]")]
    [InlineData("Ok", "[ok]  ")]
    [InlineData("Warn", "[warn]")]
    [InlineData("Fail", "[FAIL]")]
    public void Mark_EachStepStatus_OneWidth(string status, string expected) => Assert.Equal(expected, StatusWords.Mark(Enum.Parse<StepStatus>(status)));
}
