using Azure.Data.Tables;
using Delegation.Names;

namespace Delegation.Table;

/// <summary>Maps rows to and from table entities; tolerant of hand-edited columns of the wrong type.</summary>
internal static class DelegationEntity
{
    public static DelegationRow ToRow(TableEntity entity)
    {
        List<ValidationError>? errors = null;
        string? Read(string column)
        {
            if (!entity.TryGetValue(column, out var value) || value is null)
            {
                return null;
            }

            if (value is string text)
            {
                // Storage Explorer leaves empty strings behind when a cell is cleared: treat them as unset.
                return text.Length == 0 ? null : text;
            }

            (errors ??= []).Add(new ValidationError(column, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), $"must be a string (Edm.String), not {value.GetType().Name}"));
            return null;
        }

        var row = DelegationRow.FromColumns(entity.PartitionKey, Read);
        return row with { ETag = entity.ETag, ColumnErrors = (IReadOnlyList<ValidationError>?)errors ?? [] };
    }

    public static TableEntity FromRow(DelegationRow row)
    {
        var entity = new TableEntity(row.Domain, string.Empty);
        foreach (var column in DelegationRow.Columns)
        {
            if (row[column] is { } value)
            {
                entity[column] = value;
            }
        }

        return entity;
    }
}
