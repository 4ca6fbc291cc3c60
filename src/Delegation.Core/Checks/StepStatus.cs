using System.Text.Json.Serialization;

namespace Delegation.Checks;

/// <summary>How one step went.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepStatus>))]
internal enum StepStatus
{
    Info,
    Ok,
    Warn,
    Fail,
}
