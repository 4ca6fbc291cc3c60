namespace Delegation.Cli.Common;

/// <summary>The file formats <c>delegation import</c> reads and <c>delegation export</c> writes.</summary>
internal enum RowFileFormat
{
    Json,
    Csv,
}
