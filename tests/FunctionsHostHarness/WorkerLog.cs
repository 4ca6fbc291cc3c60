namespace FunctionsHostHarness;

/// <summary>A log line the worker sent to the host over the protocol (<c>RpcLog</c>).</summary>
internal sealed record WorkerLog(string Level, string Category, string Message, string InvocationId);
