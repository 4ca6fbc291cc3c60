namespace Delegation.Tests.Support;

/// <summary>What the <see cref="ManagedIdentityEndpoint"/> stand-in answers a token request with.</summary>
public enum IdentityAnswer
{
    /// <summary>A valid token for the resource asked for.</summary>
    Token,

    /// <summary>400 with an OAuth error: the platform will not give this identity a token.</summary>
    Refuse,

    /// <summary>A token whose <c>exp</c> has passed: storage refuses it with 403.</summary>
    ExpiredToken,

    /// <summary>A token for another audience: storage refuses it with 403.</summary>
    WrongAudience,
}
