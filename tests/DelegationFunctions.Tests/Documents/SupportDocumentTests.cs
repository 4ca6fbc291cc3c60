using Delegation.Documents;

namespace Delegation.Tests.Documents;

public sealed class SupportDocumentTests
{
    [Theory]
    [InlineData("{\"contacts\":[{\"matrix_id\":\"@admin:example.com\",\"role\":\"m.role.admin\"}]}")]
    [InlineData("{\"contacts\":[{\"email_address\":\"security@example.com\",\"role\":\"m.role.security\"}]}")]
    [InlineData("{\"contacts\":[{\"email_address\":\"a@example.com\",\"role\":\"org.example.role.abuse\"}]}")]
    [InlineData("{\"support_page\":\"https://example.com/support\"}")]
    [InlineData("{\"contacts\":[],\"support_page\":\"https://example.com/support?lang=en\"}")]
    public void TryParse_SpecDocument_IsValid(string text)
    {
        Assert.True(SupportDocument.TryParse(text, out _, out var error), error);
    }

    [Theory]
    [InlineData("{}", "needs a non-empty")]
    [InlineData("{\"contacts\":[]}", "needs a non-empty")]
    [InlineData("{\"contacts\":{}}", "must be an array")]
    [InlineData("{\"contacts\":[{\"role\":\"m.role.admin\"}]}", "needs a 'matrix_id' or an 'email_address'")]
    [InlineData("{\"contacts\":[{\"matrix_id\":\"admin:example.com\",\"role\":\"m.role.admin\"}]}", "starting with '@'")]
    [InlineData("{\"contacts\":[{\"matrix_id\":\"@a:b\"}]}", "role")]
    [InlineData("{\"contacts\":[{\"matrix_id\":\"@a:b\",\"role\":\"m.role.owner\"}]}", "role")]
    [InlineData("{\"contacts\":[{\"matrix_id\":\"@a:b\",\"role\":\"admin\"}]}", "role")]
    [InlineData("{\"contacts\":[1]}", "must be an object")]
    [InlineData("{\"support_page\":\"example.com/support\"}", "support_page")]
    [InlineData("{\"support_page\":\"https://example.com\",\"org.example\":{}}", "empty object")]
    [InlineData("[]", "JSON object")]
    [InlineData("not json", "not valid JSON")]
    public void TryParse_InvalidDocument_ExplainsTheRule(string text, string ruleFragment)
    {
        Assert.False(SupportDocument.TryParse(text, out _, out var error));

        Assert.Contains(ruleFragment, error, StringComparison.Ordinal);
    }
}
