using Microsoft.Extensions.DependencyInjection;

namespace Delegation.Cli.Common;

/// <summary>
/// What one command adds to the invocation's service provider (<see cref="ConnectionOptions.Extend"/>): its flags as
/// settings, laid over the environment's, and the services it resolves.
/// </summary>
internal sealed record CommandServices(IReadOnlyDictionary<string, string?> Settings, Action<IServiceCollection> Add);
