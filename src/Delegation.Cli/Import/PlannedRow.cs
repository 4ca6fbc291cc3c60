using Delegation.Cli.Common;

namespace Delegation.Cli.Import;

/// <summary>One row of the file, the line it came from, and the change it makes to the row in the table as read.</summary>
internal sealed record PlannedRow(int Line, RowChange Change);
