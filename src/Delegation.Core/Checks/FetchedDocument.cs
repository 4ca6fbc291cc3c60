namespace Delegation.Checks;

/// <summary>One well-known document as fetched: "server", "client" or "support", with every response on the way.</summary>
internal sealed record FetchedDocument(string Document, WellKnownFetch Fetch);
