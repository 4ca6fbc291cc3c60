using System.Net;
using System.Net.Sockets;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DevLab.JmesPath;

namespace Delegation.Tests.Infra;

/// <summary>
/// The Azure CLI as eng/publish.sh may use it: <c>az rest</c> GET and PATCH of a site's config/web against one of the
/// <see cref="FakeFlexSite"/>s of one resource group, with <c>--query</c> evaluated by a JMESPath implementation and <c>--output</c> applied
/// as az does. The <c>az</c> on PATH is a bash stand-in that hands its arguments to this object over a loopback port,
/// so every call is recorded with all its arguments (bodies included). Any other command fails as not modelled.
/// </summary>
internal sealed partial class FakeAzureCli : IDisposable
{
    public const string SubscriptionId = "00000000-0000-4000-8000-000000000001";

    // az prints indented JSON and leaves non-ASCII and HTML characters as they are.
    private static readonly JsonSerializerOptions AsAzPrints = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<AzCall> _calls = [];

    public FakeAzureCli(params IReadOnlyList<FakeFlexSite> sites)
    {
        Sites = sites;
        _listener.Start();
        _ = AcceptAsync(_stopping.Token);
    }

    /// <summary>The first site, for the tests of one app.</summary>
    public FakeFlexSite Site => Sites[0];

    public IReadOnlyList<FakeFlexSite> Sites { get; }

    /// <summary>Calls that fail, as a network error would, before the site sees them.</summary>
    public Func<AzCall, bool> Refuses { get; set; } = _ => false;

    /// <summary>Calls that the site applies but az reports as failed (the connection dropped after ARM wrote).</summary>
    public Func<AzCall, bool> FailsAfterApplying { get; set; } = _ => false;

    public IReadOnlyList<AzCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Stop();
        _stopping.Dispose();
    }

    private static (int ExitCode, string Text) NotModelled(AzCall call) =>
        (2, $"ERROR: the stand-in az does not model 'az {call}'; eng/publish.sh should only need az rest on config/web.");

    [GeneratedRegex(@"^/subscriptions/(?<subscription>[^/]+)/resourceGroups/(?<group>[^/]+)/providers/Microsoft\.Web/sites/(?<site>[^/?]+)/config/web\?api-version=(?<version>\d{4}-\d{2}-\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex ConfigWebUri();

    private (int ExitCode, string Text) Answer(AzCall call)
    {
        lock (_gate)
        {
            var (exitCode, text) = Refuses(call) ? (1, "ERROR: (fake) the connection to Azure failed.") : Run(call);
            if (exitCode == 0 && FailsAfterApplying(call))
            {
                (exitCode, text) = (1, "ERROR: (fake) the connection closed before Azure answered.");
            }

            var site = Sites.FirstOrDefault(s => call.Option("--uri", "--url", "-u")?.Contains($"/sites/{s.Name}/", StringComparison.OrdinalIgnoreCase) == true);
            _calls.Add(call with { RuleNamesAfter = site is null ? [] : [.. site.Rules.Select(rule => (string?)rule["name"] ?? "")] });
            return (exitCode, text);
        }
    }

    private (int ExitCode, string Text) Run(AzCall call)
    {
        if (!call.IsRest || call.Option("--uri", "--url", "-u") is not { } uri)
        {
            return NotModelled(call);
        }

        var match = ConfigWebUri().Match(uri);
        if (!match.Success)
        {
            return NotModelled(call);
        }

        var subscription = match.Groups["subscription"].Value;
        var site = Sites.FirstOrDefault(s => string.Equals(match.Groups["group"].Value, s.ResourceGroup, StringComparison.OrdinalIgnoreCase)
            && string.Equals(match.Groups["site"].Value, s.Name, StringComparison.OrdinalIgnoreCase));
        if ((subscription != "{subscriptionId}" && subscription != SubscriptionId) || site is null)
        {
            return (1, $"ERROR: (ResourceNotFound) The Resource 'Microsoft.Web/sites/{match.Groups["site"].Value}' under resource group '{match.Groups["group"].Value}' was not found.");
        }

        switch (call.Method)
        {
            case "get":
                return Print(call, site.ConfigWeb());
            case "patch":
                JsonNode? body;
                try
                {
                    body = JsonNode.Parse(call.Option("--body", "-b") ?? "");
                }
                catch (JsonException)
                {
                    return (1, "ERROR: Bad Request({\"Code\":\"BadRequest\",\"Message\":\"The request content was invalid and could not be deserialized.\"})");
                }

                return site.Patch(body) is { } error ? (1, $"ERROR: {error}") : Print(call, site.ConfigWeb());
            default:
                return NotModelled(call);
        }
    }

    /// <summary>What az prints for <paramref name="result"/> after <c>--query</c> and <c>--output</c>.</summary>
    private static (int ExitCode, string Text) Print(AzCall call, JsonNode result)
    {
        var json = result.ToJsonString();
        if (call.Option("--query") is { } query)
        {
            try
            {
                json = new JmesPath().Transform(json, query);
            }
            catch (Exception e)
            {
                return (2, $"ERROR: argument --query: invalid jmespath_type value: '{query}' ({e.Message})");
            }
        }

        var value = JsonNode.Parse(json);
        return call.Option("--output", "-o") switch
        {
            "none" => (0, ""),
            _ when value is null => (0, ""),
            "tsv" => (0, value is JsonValue scalar && scalar.TryGetValue<string>(out var text) ? text : value.ToJsonString()),
            null or "json" => (0, value.ToJsonString(AsAzPrints)),
            var other => (2, $"ERROR: the stand-in az does not model --output {other}."),
        };
    }
}
