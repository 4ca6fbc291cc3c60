using System.Text.Json;
using FunctionsHostHarness.Protocol;
using Microsoft.AspNetCore.Routing.Template;

namespace FunctionsHostHarness;

/// <summary>A function the worker reported at indexing, with its HTTP trigger as the host routes it.</summary>
internal sealed class IndexedFunction
{
    private readonly TemplateMatcher? _matcher;

    private IndexedFunction(RpcFunctionMetadata metadata, HttpTrigger? trigger, string routePrefix)
    {
        Metadata = metadata;
        Trigger = trigger;
        if (trigger is not null)
        {
            Route = string.IsNullOrEmpty(routePrefix) ? trigger.Route : $"{routePrefix}/{trigger.Route}";
            _matcher = new TemplateMatcher(TemplateParser.Parse(Route), new RouteValueDictionary());
        }
    }

    public RpcFunctionMetadata Metadata { get; }

    public string Name => Metadata.Name;

    public string FunctionId => Metadata.FunctionId;

    public HttpTrigger? Trigger { get; }

    /// <summary>The name of the trigger binding, whatever its type: the invocation's input is bound to it.</summary>
    public string TriggerBindingName { get; private init; } = string.Empty;

    /// <summary>The route with host.json's prefix, as the host matches it (no leading slash).</summary>
    public string? Route { get; }

    public static IndexedFunction FromMetadata(RpcFunctionMetadata metadata, string routePrefix)
    {
        HttpTrigger? trigger = null;
        var triggerBindingName = string.Empty;
        foreach (var raw in metadata.RawBindings)
        {
            using var binding = JsonDocument.Parse(raw);
            var root = binding.RootElement;
            var type = root.GetProperty("type").GetString()!;
            var direction = string.Equals(root.GetProperty("direction").GetString(), "Out", StringComparison.OrdinalIgnoreCase)
                ? BindingInfo.Types.Direction.Out
                : BindingInfo.Types.Direction.In;
            var name = root.GetProperty("name").GetString()!;
            metadata.Bindings[name] = new BindingInfo { Type = type, Direction = direction };
            if (type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase))
            {
                triggerBindingName = name;
            }

            if (string.Equals(type, "httpTrigger", StringComparison.OrdinalIgnoreCase))
            {
                trigger = HttpTrigger.FromBinding(root, metadata.Name);
            }
        }

        return new IndexedFunction(metadata, trigger, routePrefix) { TriggerBindingName = triggerBindingName };
    }

    /// <summary>Whether the host would send this request to this function (route case-insensitive, method listed or any).</summary>
    public bool Matches(string method, PathString path) =>
        _matcher is not null
        && (Trigger!.Methods is null || Trigger.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
        && _matcher.TryMatch(path, new RouteValueDictionary());
}
