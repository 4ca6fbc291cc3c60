using System.Text.Json.Nodes;

namespace Delegation.Tests.Infra;

/// <summary>What every run of eng/publish.sh must hold for the site config it writes on a Flex Consumption app.</summary>
internal static class AccessRuleAssert
{
    public const string RuleName = "eng-publish-temporary";

    /// <summary>
    /// No az call rewrites the whole site config (access-restriction add/remove, config set/update), and every PATCH
    /// body is <c>{"properties":{"ipSecurityRestrictions":[...]}}</c> with no property Flex refuses at any depth.
    /// </summary>
    public static void OnlyAccessRulesWritten(IReadOnlyList<AzCall> calls)
    {
        Assert.All(calls, call =>
        {
            Assert.DoesNotContain("access-restriction", call.Arguments);
            Assert.False(call.Arguments.Contains("config") && (call.Arguments.Contains("set") || call.Arguments.Contains("update")), $"az {call} writes the whole site config.");
            Assert.True(call.IsRest, $"az {call} is not az rest.");
        });
        Assert.All(calls.Where(call => call.IsPatch), call =>
        {
            var body = Assert.IsType<JsonObject>(call.Body);
            Assert.Equal(["properties"], body.Select(p => p.Key));
            var properties = Assert.IsType<JsonObject>(body["properties"]);
            Assert.Equal(["ipSecurityRestrictions"], properties.Select(p => p.Key));
            var refused = Names(body).Where(name => FlexRefusedSiteProperties.Names.Contains(name, StringComparer.OrdinalIgnoreCase));
            Assert.Empty(refused);
        });
    }

    /// <summary>The rules are <paramref name="expected"/>, in order, each one equal as JSON (headers and tags included).</summary>
    public static void SameRules(IEnumerable<JsonNode?> expected, IEnumerable<JsonNode?> actual)
    {
        var wanted = expected.ToList();
        var got = actual.ToList();
        Assert.True(
            wanted.Count == got.Count && wanted.Zip(got).All(pair => JsonNode.DeepEquals(pair.First, pair.Second)),
            $"Expected rules {new JsonArray([.. wanted.Select(r => r?.DeepClone())])}, got {new JsonArray([.. got.Select(r => r?.DeepClone())])}.");
    }

    /// <summary>The rules a PATCH body writes.</summary>
    public static JsonArray WrittenRules(AzCall patch) => patch.Body["properties"]!["ipSecurityRestrictions"]!.AsArray();

    private static IEnumerable<string> Names(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Names(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(Names),
        _ => [],
    };
}
