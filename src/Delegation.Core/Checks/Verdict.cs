using System.Text.Json.Serialization;

namespace Delegation.Checks;

/// <summary>
/// The outcome for one document, in the words of the Matrix spec where it has them. Its own scale: a document may be
/// absent and that be fine (<see cref="None"/>), which a step (<see cref="StepStatus"/>) or a domain's grade
/// (<see cref="CheckStatus"/>) cannot be. Words: <see cref="StatusWords"/>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
internal enum Verdict
{
    /// <summary>Works.</summary>
    Ok,

    /// <summary>Not published, and that is allowed (client and support documents are optional).</summary>
    None,

    /// <summary>Works, with something worth fixing.</summary>
    Warn,

    /// <summary>Does not work: a federating server or client gives up.</summary>
    Fail,
}
