using Delegation.Cli.Common;
using Delegation.Table;

namespace Delegation.Tests.Cli.Common;

public sealed class RowConflictTests
{
    private static readonly DelegationRow Read = new("example.com") { Server = "old.example.com:443" };

    [Fact]
    public void Change_ColumnEdited_NamesColumnAndBothValues()
    {
        var conflict = new RowConflict("example.com", Read, Read with { Server = "new.example.com:443" });

        Assert.Equal("Changed meanwhile:\n  Server: 'old.example.com:443' -> 'new.example.com:443'", conflict.Change);
    }

    [Theory]
    [InlineData(true, false, "It has been deleted.")]
    [InlineData(false, true, "It was created meanwhile.")]
    [InlineData(true, true, "It was rewritten meanwhile (its values are the same as when it was read).")]
    public void Change_RowDeletedCreatedOrRewritten_SaysWhich(bool wasRead, bool isThere, string expected)
    {
        var conflict = new RowConflict("example.com", wasRead ? Read : null, isThere ? Read : null);

        Assert.Equal(expected, conflict.Change);
    }
}
