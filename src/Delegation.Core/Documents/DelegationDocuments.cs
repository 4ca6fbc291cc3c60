using System.Text.Json;
using Delegation.Names;
using Delegation.Table;

namespace Delegation.Documents;

/// <summary>
/// What a row serves: each document rendered once, or null when the row does not configure it or configures it
/// invalidly; <see cref="Problems"/> says why, field by field.
/// </summary>
public sealed class DelegationDocuments
{
    private DelegationDocuments(RenderedDocument? server, RenderedDocument? client, RenderedDocument? support, IReadOnlyList<ValidationError> problems)
    {
        Server = server;
        Client = client;
        Support = support;
        Problems = problems;
    }

    public RenderedDocument? Server { get; }

    public RenderedDocument? Client { get; }

    public RenderedDocument? Support { get; }

    public IReadOnlyList<ValidationError> Problems { get; }

    public RenderedDocument? this[WellKnownDocument document] => document switch
    {
        WellKnownDocument.Server => Server,
        WellKnownDocument.Client => Client,
        _ => Support,
    };

    /// <summary>Validates every column of the row and renders what is valid.</summary>
    public static DelegationDocuments FromRow(DelegationRow row)
    {
        var problems = new List<ValidationError>(row.ColumnErrors);
        if (!DomainName.TryParse(row.Domain, out var domain, out var domainError))
        {
            problems.Add(new ValidationError("PartitionKey", row.Domain, domainError));
        }
        else if (domain != row.Domain)
        {
            problems.Add(new ValidationError("PartitionKey", row.Domain, $"must be normalised as '{domain}', or requests never reach it"));
        }

        var server = RenderServer(row, problems);
        var client = RenderClient(row, problems);
        var support = RenderSupport(row, problems);
        return new DelegationDocuments(server, client, support, problems);
    }

    private static RenderedDocument? RenderServer(DelegationRow row, List<ValidationError> problems)
    {
        if (row.Server is null)
        {
            return null;
        }

        if (!ServerName.TryParse(row.Server, out var serverName, out var error))
        {
            problems.Add(new ValidationError(DelegationRow.ServerColumn, row.Server, error));
            return null;
        }

        if (serverName.ToString() != row.Server)
        {
            problems.Add(new ValidationError(DelegationRow.ServerColumn, row.Server, $"must be stored lower-case as '{serverName}'"));
            return null;
        }

        return Checked(DelegationRow.ServerColumn, row.Server, JsonSerializer.SerializeToUtf8Bytes(new ServerDocument(row.Server), DocumentJsonContext.Relaxed.ServerDocument), problems);
    }

    private static RenderedDocument? RenderClient(DelegationRow row, List<ValidationError> problems)
    {
        var before = problems.Count;
        Check(DelegationRow.ClientBaseUrlColumn, row.ClientBaseUrl, problems);
        Check(DelegationRow.IdentityServerBaseUrlColumn, row.IdentityServerBaseUrl, problems);
        Dictionary<string, JsonElement>? extras = null;
        if (row.ClientExtra is not null && !ClientExtra.TryParse(row.ClientExtra, out extras, out var extraError))
        {
            problems.Add(new ValidationError(DelegationRow.ClientExtraColumn, row.ClientExtra, extraError));
        }

        if (row.ClientBaseUrl is null)
        {
            if (row.IdentityServerBaseUrl is not null || row.ClientExtra is not null)
            {
                problems.Add(new ValidationError(DelegationRow.ClientBaseUrlColumn, null, "is required when IdentityServerBaseUrl or ClientExtra is set: the client document exists only with a homeserver"));
            }

            return null;
        }

        if (problems.Count > before)
        {
            return null;
        }

        var document = new ClientDocument
        {
            Homeserver = new BaseUrlObject(row.ClientBaseUrl),
            IdentityServer = row.IdentityServerBaseUrl is null ? null : new BaseUrlObject(row.IdentityServerBaseUrl),
            Extra = extras is { Count: > 0 } ? extras : null,
        };
        return Checked(DelegationRow.ClientBaseUrlColumn, row.ClientBaseUrl, JsonSerializer.SerializeToUtf8Bytes(document, DocumentJsonContext.Relaxed.ClientDocument), problems);
    }

    private static RenderedDocument? RenderSupport(DelegationRow row, List<ValidationError> problems)
    {
        if (row.Support is null)
        {
            return null;
        }

        if (!SupportDocument.TryParse(row.Support, out var support, out var error))
        {
            problems.Add(new ValidationError(DelegationRow.SupportColumn, row.Support, error));
            return null;
        }

        return Checked(DelegationRow.SupportColumn, row.Support, JsonSerializer.SerializeToUtf8Bytes(support, DocumentJsonContext.Relaxed.JsonElement), problems);
    }

    private static void Check(string column, string? url, List<ValidationError> problems)
    {
        if (url is not null && !BaseUrl.TryValidate(url, out var error))
        {
            problems.Add(new ValidationError(column, url, error));
        }
    }

    private static RenderedDocument? Checked(string column, string value, byte[] body, List<ValidationError> problems)
    {
        if (body.Length >= RenderedDocument.MaxBodyBytes)
        {
            problems.Add(new ValidationError(column, value, $"makes a document of {body.Length} bytes; it must stay under {RenderedDocument.MaxBodyBytes} bytes (50 KiB), which federating servers refuse"));
            return null;
        }

        return new RenderedDocument(body);
    }
}
