using System.Net;
using System.Security.Cryptography.X509Certificates;
using Delegation.Documents;

namespace Delegation.Checks;

/// <summary>How one check run reaches the network: pins, DNS server, extra trust, time limits.</summary>
internal sealed record CheckSettings
{
    /// <summary>Synapse and gomatrixserverlib refuse well-known bodies larger than this: the rule the service renders by.</summary>
    public const int MaxBodyBytes = RenderedDocument.MaxBodyBytes;

    /// <summary>Go's http.Client stops after 10 redirects; Synapse's agent allows 20. We use the stricter one.</summary>
    public const int MaxRedirects = 10;

    /// <summary>SRV targets tried per name, in priority order: each one that never answers costs a whole timeout.</summary>
    public const int MaxSrvTargets = 8;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Six default timeouts: three documents at once, each through redirects, SRV and several targets.</summary>
    public static readonly TimeSpan DefaultDomainDeadline = TimeSpan.FromSeconds(180);

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>The most one domain's whole check may take (every document, SRV target and redirect); then it fails (<see cref="CheckDeadline"/>).</summary>
    public TimeSpan DomainDeadline { get; init; } = DefaultDomainDeadline;

    /// <summary>A homeserver certificate that expires sooner than this is a warning.</summary>
    public TimeSpan CertificateWarning { get; init; } = TimeSpan.FromDays(14);

    /// <summary>A well-known document that takes longer than this (redirects included) is a warning for the watch.</summary>
    public TimeSpan SlowDocument { get; init; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<ResolvePin> Pins { get; init; } = [];

    public IPEndPoint? DnsServer { get; init; }

    /// <summary>Fetch the well-known documents from this origin instead of the domain's address (<c>--via</c>).</summary>
    public ViaOrigin? Via { get; init; }

    /// <summary>Connect also to loopback, private and other ranges <see cref="AddressPolicy"/> refuses, for intranets and tests.</summary>
    public bool AllowPrivateAddresses { get; init; }

    public X509Certificate2Collection ExtraCertificateAuthorities { get; init; } = [];
}
