namespace Delegation.Checks;

/// <summary>One well-known document as fetched: "server", "client" or "support", with the redirect chain that brought it.</summary>
internal sealed record FetchedDocument(string Document, RedirectChain Chain);
