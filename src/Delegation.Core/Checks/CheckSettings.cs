using System.Net;
using System.Security.Cryptography.X509Certificates;
using Delegation.Documents;

namespace Delegation.Checks;

/// <summary>
/// How the check engine behaves: the settings <c>DelegationChecks__*</c> (bound by
/// <see cref="ChecksServiceCollectionExtensions.AddDelegationChecks"/>, where the tool lays its flags over them), read by
/// the engine as time spans; and what only an operator gives the tool on the command line (pins, DNS server, origin,
/// extra trust), which no setting binds.
/// </summary>
internal sealed class CheckSettings
{
    public const string SectionName = "DelegationChecks";

    /// <summary>The app setting holding the timer's schedule (six-field cron); Bicep sets it, once a day by default.</summary>
    public const string ScheduleSetting = "DelegationChecksSchedule";

    /// <summary>Synapse and gomatrixserverlib refuse well-known bodies larger than this: the rule the service renders by.</summary>
    public const int MaxBodyBytes = RenderedDocument.MaxBodyBytes;

    /// <summary>Go's http.Client stops after 10 redirects; Synapse's agent allows 20. We use the stricter one.</summary>
    public const int MaxRedirects = 10;

    /// <summary>SRV targets tried per name, in priority order: each one that never answers costs a whole timeout.</summary>
    public const int MaxSrvTargets = 8;

    public const int MaxConcurrency = 64;

    public const double DefaultRequestTimeoutSeconds = 30;

    public const double MaxRequestTimeoutSeconds = 600;

    /// <summary>Six request timeouts: three documents at once, each through redirects, SRV and several targets.</summary>
    public const double DefaultDomainTimeoutSeconds = 180;

    /// <summary>One domain never holds a run for more than an hour, the most a run is sure to get (docs/deploy.md, "The watch's time budget").</summary>
    public const double MaxDomainTimeoutSeconds = 3600;

    /// <summary>Domains checked at once.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>Each connection, DNS answer and response (30 s, as gomatrixserverlib).</summary>
    public double RequestTimeoutSeconds { get; set; } = DefaultRequestTimeoutSeconds;

    /// <summary>The most one domain's check may take, all requests together; then it is recorded as failed (<see cref="CheckDeadline"/>).</summary>
    public double DomainTimeoutSeconds { get; set; } = DefaultDomainTimeoutSeconds;

    /// <summary>A homeserver certificate expiring within this many days is a warning.</summary>
    public double CertificateWarningDays { get; set; } = 14;

    /// <summary>A well-known document taking longer than this (redirects included) is a warning.</summary>
    public double SlowDocumentSeconds { get; set; } = 5;

    /// <summary>A run waits a random time up to this before it starts, so many deployments do not all check at once.</summary>
    public double MaxStartDelaySeconds { get; set; } = 600;

    /// <summary>
    /// Lets the checks connect to loopback, private, link-local and the other ranges <see cref="AddressPolicy"/> refuses,
    /// when a customer's documents or DNS name them (an intranet deployment, tests). Off by default.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    public TimeSpan Timeout => TimeSpan.FromSeconds(RequestTimeoutSeconds);

    public TimeSpan DomainDeadline => TimeSpan.FromSeconds(DomainTimeoutSeconds);

    public TimeSpan CertificateWarning => TimeSpan.FromDays(CertificateWarningDays);

    public TimeSpan SlowDocument => TimeSpan.FromSeconds(SlowDocumentSeconds);

    // No setting binds what follows (the binder sets only public setters): the tool fills them from its flags.
    public IReadOnlyList<ResolvePin> Pins { get; internal set; } = [];

    public IPEndPoint? DnsServer { get; internal set; }

    /// <summary>Fetch the well-known documents from this origin instead of the domain's address (<see cref="ViaOrigin"/>).</summary>
    public ViaOrigin? Via { get; internal set; }

    public X509Certificate2Collection ExtraCertificateAuthorities { get; internal set; } = [];

    public static bool IsConcurrency(int value) => value is >= 1 and <= MaxConcurrency;

    public static bool IsRequestTimeout(double seconds) => seconds is > 0 and <= MaxRequestTimeoutSeconds;

    /// <summary>A domain's deadline must leave room for one whole request, and ends within the hour.</summary>
    public static bool IsDomainTimeout(double seconds, double requestTimeoutSeconds) => seconds >= requestTimeoutSeconds && seconds <= MaxDomainTimeoutSeconds;
}
