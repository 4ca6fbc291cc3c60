namespace Delegation.Cli.Import;

/// <summary>The file formats <c>delegation import</c> reads and <c>delegation export</c> writes.</summary>
internal enum ImportFormat
{
    Json,
    Csv,
}
