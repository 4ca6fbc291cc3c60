using System.Security.Cryptography;

namespace Delegation.Documents;

/// <summary>A document rendered once into the exact bytes served, with its strong ETag.</summary>
public sealed class RenderedDocument
{
    /// <summary>Synapse and gomatrixserverlib refuse well-known bodies of 50 KiB or more.</summary>
    public const int MaxBodyBytes = 50 * 1024;

    public RenderedDocument(byte[] body)
    {
        Body = body;
        ETag = string.Concat("\"", Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 12)), "\"");
    }

    public byte[] Body { get; }

    public string ETag { get; }

    public override string ToString() => System.Text.Encoding.UTF8.GetString(Body);
}
