namespace Delegation.Cli.Import;

/// <summary>How <c>delegation import</c> was asked to run.</summary>
internal sealed record ImportOptions(bool DryRun, bool SkipInvalid, bool Json, int Parallelism);
