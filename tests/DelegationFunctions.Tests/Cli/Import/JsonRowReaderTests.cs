using Delegation.Cli.Import;

namespace Delegation.Tests.Cli.Import;

public sealed class JsonRowReaderTests
{
    private const string A = "{\"PartitionKey\":\"a.example\",\"Server\":\"a.example:443\"}";
    private const string B = "{\"PartitionKey\":\"b.example\",\"Server\":\"b.example:443\"}";

    [Fact]
    public void ReadArray_Comments_AreSkipped()
    {
        var text = $"// exported rows\n[\n{A}, // first\n/* second */ {B}\n]";

        var records = JsonRowReader.ReadArray(System.Text.Encoding.UTF8.GetBytes(text)).ToList();

        Assert.Equal(["a.example", "b.example"], records.Select(r => r.Key));
        Assert.All(records, r => Assert.Empty(r.Problems));
    }

    [Fact]
    public void ReadLines_Comments_AreSkippedLikeInAnArray()
    {
        var text = $"// exported rows\n{A} // first\n  /* second */\n/* b */ {B}\n";

        var records = JsonRowReader.ReadLines(text).ToList();

        Assert.Equal(["a.example", "b.example"], records.Select(r => r.Key));
        Assert.Equal([2, 4], records.Select(r => r.Line));
        Assert.All(records, r => Assert.Empty(r.Problems));
    }

    [Fact]
    public void ReadLines_CommentThatNeverCloses_IsNotValidJson()
    {
        var record = JsonRowReader.ReadLines($"/* {A}\n").Single();

        Assert.Contains("is not valid JSON", Assert.Single(record.Problems).Rule, StringComparison.Ordinal);
    }
}
