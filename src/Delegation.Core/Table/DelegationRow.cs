using Azure;
using Delegation.Names;

namespace Delegation.Table;

/// <summary>
/// One row of the delegations table as stored: the domain and the raw column values, unvalidated, because admins edit
/// rows by hand. <see cref="ColumnErrors"/> holds columns that were not strings.
/// </summary>
public sealed record DelegationRow(string Domain)
{
    public const string ServerColumn = "Server";
    public const string ClientBaseUrlColumn = "ClientBaseUrl";
    public const string IdentityServerBaseUrlColumn = "IdentityServerBaseUrl";
    public const string ClientExtraColumn = "ClientExtra";
    public const string SupportColumn = "Support";

    public static IReadOnlyList<string> Columns { get; } = [ServerColumn, ClientBaseUrlColumn, IdentityServerBaseUrlColumn, ClientExtraColumn, SupportColumn];

    public string? Server { get; init; }

    public string? ClientBaseUrl { get; init; }

    public string? IdentityServerBaseUrl { get; init; }

    public string? ClientExtra { get; init; }

    public string? Support { get; init; }

    /// <summary>The row's version in the table; null for a row not read from it.</summary>
    public ETag? ETag { get; init; }

    public IReadOnlyList<ValidationError> ColumnErrors { get; init; } = [];

    public string? this[string column] => column switch
    {
        ServerColumn => Server,
        ClientBaseUrlColumn => ClientBaseUrl,
        IdentityServerBaseUrlColumn => IdentityServerBaseUrl,
        ClientExtraColumn => ClientExtra,
        SupportColumn => Support,
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "Unknown column."),
    };

    /// <summary>True when no column is set.</summary>
    public bool IsEmpty => Columns.All(c => this[c] is null);

    /// <summary>A row whose column values come from <paramref name="value"/>, asked once per column name.</summary>
    public static DelegationRow FromColumns(string domain, Func<string, string?> value) => new(domain)
    {
        Server = value(ServerColumn),
        ClientBaseUrl = value(ClientBaseUrlColumn),
        IdentityServerBaseUrl = value(IdentityServerBaseUrlColumn),
        ClientExtra = value(ClientExtraColumn),
        Support = value(SupportColumn),
    };

    /// <summary>Same column values, ignoring ETag and column errors.</summary>
    public bool HasSameValues(DelegationRow other) =>
        Domain == other.Domain && Columns.All(c => this[c] == other[c]);
}
