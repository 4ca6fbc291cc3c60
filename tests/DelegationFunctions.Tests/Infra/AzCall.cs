using System.Text.Json.Nodes;

namespace Delegation.Tests.Infra;

/// <summary>One call of the stand-in <c>az</c>: its arguments and the names of the site's rules once it was answered.</summary>
internal sealed record AzCall(IReadOnlyList<string> Arguments)
{
    public IReadOnlyList<string> RuleNamesAfter { get; init; } = [];

    public bool IsRest => Arguments is ["rest", ..];

    public string Method => (Option("--method", "-m") ?? "get").ToLowerInvariant();

    public bool IsPatch => IsRest && Method == "patch";

    /// <summary>The <c>--body</c> as JSON; fails the test when it is not JSON.</summary>
    public JsonNode Body => JsonNode.Parse(Option("--body", "-b") ?? throw new InvalidOperationException($"az {this} has no --body."))
        ?? throw new InvalidOperationException($"az {this} has a null --body.");

    /// <summary>The value after the first of <paramref name="names"/>, as az's parser takes it.</summary>
    public string? Option(params string[] names)
    {
        for (var i = 0; i < Arguments.Count - 1; i++)
        {
            if (names.Contains(Arguments[i], StringComparer.Ordinal))
            {
                return Arguments[i + 1];
            }
        }

        return null;
    }

    public override string ToString() => string.Join(' ', Arguments);
}
