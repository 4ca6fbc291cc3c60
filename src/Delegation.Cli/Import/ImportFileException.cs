namespace Delegation.Cli.Import;

/// <summary>The file as a whole cannot be read (not UTF-8, unterminated quote, bad header...); nothing is written.</summary>
internal sealed class ImportFileException(string message) : Exception(message);
