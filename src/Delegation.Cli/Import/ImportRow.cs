using Delegation.Table;

namespace Delegation.Cli.Import;

/// <summary>A valid row from the file, normalised as the table keys it, and the line it came from.</summary>
internal sealed record ImportRow(int Line, DelegationRow Row);
