using Azure.Data.Tables;

namespace Delegation.Checks;

/// <summary>A result as a table entity: PartitionKey the domain, RowKey empty, one column per field.</summary>
internal static class CheckResultEntity
{
    public const string CheckedAt = "CheckedAt";
    public const string Result = "Result";
    public const string Step = "Step";
    public const string Message = "Message";
    public const string CertificateExpires = "CertificateExpires";

    public static TableEntity From(CheckResult result)
    {
        var entity = new TableEntity(result.Domain, string.Empty)
        {
            [CheckedAt] = result.CheckedAt,
            [Result] = StatusWords.Of(result.Status),
        };
        Set(entity, Step, result.Step);
        Set(entity, Message, result.Message);
        if (result.CertificateExpires is { } expires)
        {
            entity[CertificateExpires] = expires;
        }

        return entity;
    }

    /// <summary>Null for a row that was edited into something unreadable (it shows as never checked).</summary>
    public static CheckResult? ToResult(TableEntity entity) =>
        entity.GetDateTimeOffset(CheckedAt) is { } checkedAt && StatusWords.TryParse(entity.GetString(Result), out var status)
            ? new CheckResult(entity.PartitionKey, checkedAt, status, entity.GetString(Step), entity.GetString(Message), entity.GetDateTimeOffset(CertificateExpires))
            : null;

    private static void Set(TableEntity entity, string column, string? value)
    {
        if (value is not null)
        {
            // Table properties hold at most 32K characters; a message is a sentence, but it quotes what servers sent.
            entity[column] = value.Length <= 4096 ? value : value[..4096];
        }
    }
}
