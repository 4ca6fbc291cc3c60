using System.Text;
using Delegation.Documents;
using Delegation.Table;

namespace Delegation.Tests.Documents;

public sealed class DelegationDocumentsTests
{
    [Fact]
    public void FromRow_FullRow_RendersCompactDocuments()
    {
        var row = new DelegationRow("example.com")
        {
            Server = "matrix.example.com:443",
            ClientBaseUrl = "https://matrix.example.com",
            IdentityServerBaseUrl = "https://vector.im",
            ClientExtra = "{ \"org.matrix.msc3575.proxy\" : { \"url\" : \"https://sync.example.com\" } }",
            Support = "{ \"contacts\": [ { \"matrix_id\": \"@admin:example.com\", \"role\": \"m.role.admin\" } ] }",
        };

        var documents = DelegationDocuments.FromRow(row);

        Assert.Empty(documents.Problems);
        Assert.Equal("{\"m.server\":\"matrix.example.com:443\"}", Text(documents.Server));
        Assert.Equal("{\"m.homeserver\":{\"base_url\":\"https://matrix.example.com\"},\"m.identity_server\":{\"base_url\":\"https://vector.im\"},\"org.matrix.msc3575.proxy\":{\"url\":\"https://sync.example.com\"}}", Text(documents.Client));
        Assert.Equal("{\"contacts\":[{\"matrix_id\":\"@admin:example.com\",\"role\":\"m.role.admin\"}]}", Text(documents.Support));
    }

    [Fact]
    public void FromRow_NoIdentityServer_NeverEmitsEmptyObject()
    {
        var documents = DelegationDocuments.FromRow(new DelegationRow("example.com") { ClientBaseUrl = "https://matrix.example.com" });

        Assert.Equal("{\"m.homeserver\":{\"base_url\":\"https://matrix.example.com\"}}", Text(documents.Client));
        Assert.Null(documents.Server);
        Assert.Null(documents.Support);
    }

    [Fact]
    public void FromRow_Bodies_AreUtf8WithoutBom()
    {
        var documents = DelegationDocuments.FromRow(new DelegationRow("example.com") { Server = "matrix.example.com" });

        Assert.Equal((byte)'{', documents.Server!.Body[0]);
    }

    [Theory]
    [InlineData("Server", "https://matrix.example.com")]
    [InlineData("Server", "Matrix.example.com")]
    [InlineData("ClientBaseUrl", "matrix.example.com")]
    [InlineData("IdentityServerBaseUrl", "ftp://id.example.com")]
    [InlineData("ClientExtra", "{\"m.homeserver\":{}}")]
    [InlineData("Support", "{}")]
    public void FromRow_InvalidColumn_ReportsFieldAndValueAndServesNothingForThatDocument(string column, string value)
    {
        var row = new DelegationRow("example.com")
        {
            Server = column == "Server" ? value : "matrix.example.com:443",
            ClientBaseUrl = column == "ClientBaseUrl" ? value : "https://matrix.example.com",
            IdentityServerBaseUrl = column == "IdentityServerBaseUrl" ? value : null,
            ClientExtra = column == "ClientExtra" ? value : null,
            Support = column == "Support" ? value : null,
        };

        var documents = DelegationDocuments.FromRow(row);

        var problem = Assert.Single(documents.Problems);
        Assert.Equal(column, problem.Field);
        Assert.Equal(value, problem.Value);
        Assert.Null(column == "Server" ? documents.Server : column == "Support" ? documents.Support : documents.Client);
    }

    [Fact]
    public void FromRow_IdentityServerWithoutHomeserver_IsAProblem()
    {
        var documents = DelegationDocuments.FromRow(new DelegationRow("example.com") { IdentityServerBaseUrl = "https://id.example.com" });

        Assert.Contains(documents.Problems, p => p.Field == "ClientBaseUrl");
        Assert.Null(documents.Client);
    }

    [Theory]
    [InlineData("Example.com")]
    [InlineData("bücher.example")]
    [InlineData("1.2.3.4")]
    public void FromRow_KeyNotNormalised_IsAProblem(string key)
    {
        var documents = DelegationDocuments.FromRow(new DelegationRow(key) { Server = "matrix.example.com" });

        Assert.Contains(documents.Problems, p => p.Field == "PartitionKey");
    }

    [Fact]
    public void FromRow_DocumentOver50KiB_IsRefused()
    {
        var big = "{\"org.example.big\":\"" + new string('x', 51 * 1024) + "\"}";

        var documents = DelegationDocuments.FromRow(new DelegationRow("example.com") { ClientBaseUrl = "https://m.example.com", ClientExtra = big });

        Assert.Null(documents.Client);
        Assert.Contains(documents.Problems, p => p.Rule.Contains("50 KiB", StringComparison.Ordinal));
    }

    private static string Text(RenderedDocument? document) => Encoding.UTF8.GetString(document!.Body);
}
