using Delegation.Cli.Common;

namespace Delegation.Cli.Import;

/// <summary>What an import file holds, every record read before anything is written.</summary>
internal sealed record ImportFile(string Path, RowFileFormat Format, IReadOnlyList<ImportRecord> Records);
