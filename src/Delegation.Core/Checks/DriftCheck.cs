using System.Text.Json;
using Delegation.Documents;
using Delegation.Table;

namespace Delegation.Checks;

/// <summary>
/// Compares what a domain serves (after redirects) with what its row renders through the renderer the service
/// itself serves from: <c>m.server</c>, <c>m.homeserver.base_url</c> and the support document. A difference means the
/// domain is answered by something other than the service (the customer's own web server, a stale edge, another
/// tenant's document under its name). Documents the row does not render are not compared.
/// </summary>
internal static class DriftCheck
{
    public const string Step = "drift";

    /// <summary>One step per document the row renders, with the section ("server", "client", "support") it belongs to.</summary>
    public static IEnumerable<(string Section, CheckStep Step)> Compare(DelegationRow row, IReadOnlyList<FetchedDocument> fetched)
    {
        var rendered = DelegationDocuments.FromRow(row);
        if (rendered.Server is { } server && Served(fetched, "server") is { } servedServer)
        {
            yield return ("server", CompareValue("m.server", Read(server.Body, "m.server"), servedServer, body => Read(body, "m.server")));
        }

        if (rendered.Client is { } client && Served(fetched, "client") is { } servedClient)
        {
            yield return ("client", CompareValue("m.homeserver.base_url", Read(client.Body, "m.homeserver", "base_url"), servedClient, body => Read(body, "m.homeserver", "base_url")));
        }

        if (rendered.Support is { } support && Served(fetched, "support") is { } servedSupport)
        {
            yield return ("support", CompareSupport(support, servedSupport));
        }
    }

    private static RedirectChain? Served(IReadOnlyList<FetchedDocument> fetched, string document) =>
        fetched.FirstOrDefault(f => f.Document == document)?.Chain;

    private static CheckStep CompareValue(string field, string? expected, RedirectChain served, Func<byte[], string?> read)
    {
        if (Unusable(served, field) is { } nothing)
        {
            return CheckStep.Fail(Step, $"serves no {field} ({nothing}); its row says {expected}");
        }

        var value = read(served.Final.Body);
        return value is null ? CheckStep.Fail(Step, $"serves no {field} (the document has none); its row says {expected}")
            : value != expected ? CheckStep.Fail(Step, $"serves {field} {CustomerText.Quote(value)}; its row says {expected}")
            : CheckStep.Ok(Step, $"serves {field} {expected}, as its row says");
    }

    private static CheckStep CompareSupport(RenderedDocument expected, RedirectChain served)
    {
        var expectedText = expected.ToString();
        if (Unusable(served, "support document") is { } nothing)
        {
            return CheckStep.Fail(Step, $"serves no support document ({nothing}); its row says {CustomerText.Quote(expectedText)}");
        }

        using var row = JsonDocument.Parse(expected.Body);
        using var document = TryParse(served.Final.Body);
        return document is not null && JsonElement.DeepEquals(document.RootElement, row.RootElement)
            ? CheckStep.Ok(Step, "serves the support document its row says")
            : CheckStep.Fail(Step, $"serves support document {CustomerText.Quote(System.Text.Encoding.UTF8.GetString(served.Final.Body))}; its row says {CustomerText.Quote(expectedText)}");
    }

    /// <summary>Why nothing usable was served, or null when there was a 200 answer.</summary>
    private static string? Unusable(RedirectChain served, string what) =>
        served.Error is { } error ? error
        : served.Final.Status != 200 ? $"GET {served.Final.Target.DisplayUrl} answered {served.Final.Status}"
        : null;

    private static string? Read(byte[] body, params string[] path)
    {
        using var document = TryParse(body);
        if (document is null)
        {
            return null;
        }

        var element = document.RootElement;
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    private static JsonDocument? TryParse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
