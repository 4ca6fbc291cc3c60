namespace Delegation.Documents;

/// <summary>The three documents served under <c>/.well-known/matrix/</c>.</summary>
public enum WellKnownDocument
{
    Server,
    Client,
    Support,
}
