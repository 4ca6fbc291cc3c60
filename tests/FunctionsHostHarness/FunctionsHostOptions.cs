namespace FunctionsHostHarness;

/// <summary>How the harness listens and how long it waits.</summary>
internal sealed class FunctionsHostOptions
{
    /// <summary>The front end's URL; port 0 picks a free port (see <see cref="FunctionsHost.BaseAddress"/>).</summary>
    public string Url { get; init; } = "http://127.0.0.1:0";

    /// <summary>How long the worker may take from process start to loaded functions.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How long one invocation may take before it is cancelled and answered 504 (the host's own limit is longer).</summary>
    public TimeSpan InvocationTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
