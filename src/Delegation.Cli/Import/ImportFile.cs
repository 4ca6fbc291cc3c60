using Delegation.Cli.Common;

namespace Delegation.Cli.Import;

/// <summary>What an import file holds, every record read before anything is written.</summary>
internal sealed record ImportFile(string Path, RowFileFormat Format, IReadOnlyList<ImportRecord> Records)
{
    /// <summary>The path that means standard input.</summary>
    public const string StandardInput = "-";

    /// <summary>The file as messages name it: quoted, or "standard input" for <see cref="StandardInput"/>.</summary>
    public string Name => NameOf(Path);

    public static string NameOf(string path) => path == StandardInput ? "standard input" : $"'{path}'";
}
