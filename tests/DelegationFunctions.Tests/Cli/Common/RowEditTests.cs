using Delegation.Cli.Common;
using Delegation.Names;
using Delegation.Table;

namespace Delegation.Tests.Cli.Common;

public sealed class RowEditTests
{
    [Fact]
    public void ApplyTo_SomeColumns_KeepsTheOthersAndNormalisesServer()
    {
        var current = new DelegationRow("example.com") { Server = "old.example.com:443", ClientBaseUrl = "https://matrix.example.com" };
        var edit = new RowEdit("example.com", new Dictionary<string, string?> { [DelegationRow.ServerColumn] = "Matrix.Example.COM:8448" });

        var result = edit.ApplyTo(current);

        Assert.Empty(result.Problems);
        Assert.Equal("matrix.example.com:8448", result.Change.Row.Server);
        Assert.Equal("https://matrix.example.com", result.Change.Row.ClientBaseUrl);
        Assert.Equal(RowAction.Changed, result.Change.Action);
        Assert.Equal([DelegationRow.ServerColumn], result.Change.ChangedColumns);
    }

    [Fact]
    public void ApplyTo_ProblemInAColumnLeftAlone_IsAWarningNotARefusal()
    {
        var current = new DelegationRow("example.com") { Server = "https://bad.example.com" };
        var edit = new RowEdit("example.com", new Dictionary<string, string?> { [DelegationRow.SupportColumn] = "{\"support_page\":\"https://example.com/help\"}" });

        var result = edit.ApplyTo(current);

        Assert.Empty(result.Problems);
        Assert.Equal(DelegationRow.ServerColumn, Assert.Single(result.Warnings).Field);
    }

    [Fact]
    public void ApplyTo_ProblemInAnEditedColumn_IsRefused()
    {
        var edit = new RowEdit("example.com", new Dictionary<string, string?> { [DelegationRow.ServerColumn] = "matrix.org:99999" });

        var result = edit.ApplyTo(null);

        Assert.Equal(DelegationRow.ServerColumn, Assert.Single(result.Problems).Field);
        Assert.Equal(RowAction.Added, result.Change.Action);
    }

    [Fact]
    public void ApplyTo_ClientDocumentWithoutBaseUrl_IsRefusedThoughBaseUrlWasNotEdited()
    {
        var edit = new RowEdit("example.com", new Dictionary<string, string?> { [DelegationRow.IdentityServerBaseUrlColumn] = "https://id.example.com" });

        var result = edit.ApplyTo(new DelegationRow("example.com") { Server = "matrix.example.com:443" });

        Assert.Equal(DelegationRow.ClientBaseUrlColumn, Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void WholeRow_ColumnsNotGiven_AreCleared()
    {
        var current = new DelegationRow("example.com") { Server = "matrix.example.com:443", ClientBaseUrl = "https://matrix.example.com" };
        var edit = RowEdit.WholeRow("example.com", column => column == DelegationRow.ServerColumn ? "matrix.example.com:443" : null);

        var result = edit.ApplyTo(current);

        Assert.Null(result.Change.Row.ClientBaseUrl);
        Assert.Equal([DelegationRow.ClientBaseUrlColumn], result.Change.ChangedColumns);
    }

    [Fact]
    public void Action_SameValuesButAColumnThatIsNotText_IsChangedSoWritingFixesIt()
    {
        var read = new DelegationRow("example.com")
        {
            ClientBaseUrl = "https://matrix.example.com",
            ColumnErrors = [new ValidationError(DelegationRow.ServerColumn, "8448", "must be a string (Edm.String), not Int32")],
        };

        var same = new RowChange(read with { ColumnErrors = [] }, read with { ColumnErrors = [] });
        var fixes = new RowChange(read with { ColumnErrors = [] }, read);

        Assert.Equal(RowAction.Unchanged, same.Action);
        Assert.Equal(RowAction.Changed, fixes.Action);
    }
}
