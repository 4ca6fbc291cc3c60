using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Delegation.Tests;

/// <summary>Every logged event takes its ID from the one list, and no two events share one.</summary>
public sealed class EventIdsTests
{
    // The function app, the tool and the library they share.
    private static readonly string[] SourceAssemblies = ["Delegation.Core", "DelegationFunctions", "delegation"];

    [Fact]
    public void LoggerMessages_InEverySourceAssembly_UseEachListedIdOnce()
    {
        var listed = Listed().Select(f => (int)f.GetRawConstantValue()!).Order().ToList();

        var used = LoggerMessages().Select(m => m.Attribute.EventId).Order().ToList();

        Assert.NotEmpty(used);
        Assert.Equal(listed, used);
    }

    [Fact]
    public void EventIds_EveryName_HasItsOwnNumber()
    {
        var numbers = Listed().GroupBy(f => (int)f.GetRawConstantValue()!);

        Assert.All(numbers, n => Assert.Single(n));
    }

    [Fact]
    public void LoggerMessages_SourceAssemblies_KeepTheNumbersOperatorsRelyOn()
    {
        // Alert rules (infra/modules/checks.bicep) and the README and docs/deploy.md name these numbers.
        var byName = LoggerMessages().ToDictionary(m => $"{m.Method.DeclaringType!.DeclaringType!.Name}.{m.Method.Name}", m => m.Attribute.EventId);

        Assert.Equal(4, byName["DelegationResolver.LoadFaulted"]);
        Assert.Equal(20, byName["CheckRunner.DomainFails"]);
        Assert.Equal(22, byName["CheckRunner.DomainTimedOut"]);
        Assert.Equal(23, byName["CheckRunner.RecordFailed"]);
        Assert.Equal(24, byName["CheckRunner.DomainCheckBroke"]);
        Assert.Equal(30, byName["ScheduledChecks.Starting"]);
        Assert.Equal(31, byName["ScheduledChecks.Finished"]);
    }

    private static IEnumerable<FieldInfo> Listed() =>
        typeof(EventIds).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral);

    private static IEnumerable<(MethodInfo Method, LoggerMessageAttribute Attribute)> LoggerMessages() =>
        SourceAssemblies.Select(Assembly.Load)
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .Select(m => (m.Method, m.Attribute!));
}
