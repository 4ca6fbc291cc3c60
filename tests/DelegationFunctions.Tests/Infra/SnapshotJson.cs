using System.Text.Json;

namespace Delegation.Tests.Infra;

/// <summary>Shorthands for the parts of a predicted resource that the snapshot tests read.</summary>
internal static class SnapshotJson
{
    public static JsonElement Properties(this JsonElement resource) => resource.GetProperty("properties");

    public static string Id(this JsonElement resource) => resource.GetProperty("id").GetString()!;

    public static string LastNameSegment(this JsonElement resource) => resource.GetProperty("name").GetString()!.Split('/')[^1];
}
