using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Delegation.Documents;

/// <summary>Source-generated JSON for the documents we render and parse.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ServerDocument))]
[JsonSerializable(typeof(ClientDocument))]
[JsonSerializable(typeof(ErrorDocument))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class DocumentJsonContext : JsonSerializerContext
{
    /// <summary>Writes non-ASCII and '+' as they are: still valid JSON, and readable by admins.</summary>
    public static DocumentJsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });

    /// <summary>Strict reading of admin-supplied JSON: no comments, no trailing commas, bounded depth.</summary>
    public static JsonDocumentOptions Reading { get; } = new() { MaxDepth = 32, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };
}
