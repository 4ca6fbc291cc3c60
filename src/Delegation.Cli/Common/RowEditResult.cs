using Delegation.Names;

namespace Delegation.Cli.Common;

/// <summary>A checked edit: the change to write, the problems that refuse it, and the problems it leaves as they were.</summary>
internal sealed record RowEditResult(RowChange Change, IReadOnlyList<ValidationError> Problems, IReadOnlyList<ValidationError> Warnings);
