using Delegation.Cli.Import;

namespace Delegation.Tests.Cli.Import;

public sealed class CsvRowReaderTests
{
    [Theory]
    [InlineData("Server,PartitionKey,RowKey\r\nm.example:443,good.example,x\r\n", "RowKey")]
    [InlineData("Server,PartitionKey\r\nm.example:443,good.example,extra\r\n", "record")]
    public void Read_KeyNotInFirstColumn_ProblemNamesTheKeyAsDomain(string csv, string field)
    {
        var record = CsvRowReader.Read(csv).Single();

        var problem = Assert.Single(record.Problems);
        Assert.Equal(field, problem.Field);
        Assert.Equal("good.example", problem.Domain);
        Assert.Equal("good.example", record.Key);
    }

    [Fact]
    public void Read_RecordShorterThanHeaderWithoutItsKey_HasNoDomain()
    {
        var record = CsvRowReader.Read("Server,PartitionKey\r\nm.example:443\r\n").Single();

        Assert.Null(record.Key);
        Assert.Null(Assert.Single(record.Problems).Domain);
    }
}
