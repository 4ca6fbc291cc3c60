using Delegation.Cli.Export;
using Delegation.Cli.Import;

namespace Delegation.Tests.Cli.Import;

public sealed class CsvReaderTests
{
    [Fact]
    public void Read_QuotedFieldsWithCommasQuotesAndNewlines_KeepsThemAndStartLines()
    {
        var text = "a,b\r\n\"x,1\",\"say \"\"hi\"\"\nnext\"\r\n\r\nlast,\n";

        var records = CsvReader.Read(text).ToList();

        Assert.Equal([1, 2, 5], records.Select(r => r.Line));
        Assert.Equal(["x,1", "say \"hi\"\nnext"], records[1].Fields);
        Assert.Equal(["last", ""], records[2].Fields);
    }

    [Theory]
    [InlineData("a,b\r\"x\ry\",z\rlast,1\r")]
    [InlineData("a,b\n\"x\ry\",z\nlast,1\n")]
    public void Read_LoneCarriageReturnInsideQuotes_CountsAsALineBreak(string text)
    {
        var records = CsvReader.Read(text).ToList();

        Assert.Equal([1, 2, 4], records.Select(r => r.Line));
        Assert.Equal(["x\ry", "z"], records[1].Fields);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("with,comma")]
    [InlineData("with \"quote\"")]
    [InlineData("multi\nline\r\ntext")]
    [InlineData(" leading space")]
    [InlineData("{\"io.element.e2ee\":{\"default\":false}}")]
    public void Quote_ThenRead_RoundTrips(string value)
    {
        var text = CsvWriter.Quote(value) + "," + CsvWriter.Quote("x") + "\r\n";

        var record = CsvReader.Read(text).Single();

        Assert.Equal([value, "x"], record.Fields);
    }
}
