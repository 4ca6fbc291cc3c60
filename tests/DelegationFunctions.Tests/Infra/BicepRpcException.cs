namespace Delegation.Tests.Infra;

/// <summary>The error bicep answered a JSON-RPC call with, such as a parameter file that does not compile.</summary>
internal sealed class BicepRpcException(string message) : Exception(message);
