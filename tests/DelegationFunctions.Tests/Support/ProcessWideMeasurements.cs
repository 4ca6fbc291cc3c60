namespace Delegation.Tests.Support;

/// <summary>
/// Tests that measure the whole process, such as the managed heap: xunit runs this collection after the parallel
/// ones, by itself, so what other tests allocate or hold meanwhile is not counted as theirs.
/// </summary>
[CollectionDefinition(nameof(ProcessWideMeasurements), DisableParallelization = true)]
public sealed class ProcessWideMeasurements;
