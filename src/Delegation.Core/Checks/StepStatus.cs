using System.Text.Json.Serialization;

namespace Delegation.Checks;

/// <summary>
/// How one step went. Its own scale: a step can be only information (an address, a header), which neither a document's
/// <see cref="Verdict"/> nor a domain's <see cref="CheckStatus"/> can be. Words: <see cref="StatusWords"/>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepStatus>))]
internal enum StepStatus
{
    Info,
    Ok,
    Warn,
    Fail,
}
