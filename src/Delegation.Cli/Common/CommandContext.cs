namespace Delegation.Cli.Common;

/// <summary>Where a command writes: standard output for results, standard error for messages.</summary>
internal sealed record CommandContext(TextWriter Output, TextWriter Error);
