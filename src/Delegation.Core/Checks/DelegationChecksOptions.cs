namespace Delegation.Checks;

/// <summary>How the watch checks every delegation; bound from the <c>DelegationChecks</c> section.</summary>
internal sealed class DelegationChecksOptions
{
    public const string SectionName = "DelegationChecks";

    /// <summary>The app setting holding the timer's schedule (six-field cron); Bicep sets it, once a day by default.</summary>
    public const string ScheduleSetting = "DelegationChecksSchedule";

    /// <summary>Domains checked at once.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>The most one domain's check may take, all requests together; then it is recorded as failed (<see cref="CheckDeadline"/>).</summary>
    public double DomainTimeoutSeconds { get; set; } = CheckSettings.DefaultDomainDeadline.TotalSeconds;

    /// <summary>Each connection, DNS answer and response (30 s, as gomatrixserverlib).</summary>
    public double RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>A homeserver certificate expiring within this many days is a warning.</summary>
    public double CertificateWarningDays { get; set; } = 14;

    /// <summary>A well-known document taking longer than this is a warning.</summary>
    public double SlowDocumentSeconds { get; set; } = 5;

    /// <summary>A run waits a random time up to this before it starts, so many deployments do not all check at once.</summary>
    public double MaxStartDelaySeconds { get; set; } = 600;

    /// <summary>
    /// Lets the checks connect to loopback, private, link-local and the other ranges refused by default, when a
    /// customer's documents or DNS name them (an intranet deployment). Off by default.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    public CheckSettings ToSettings() => new()
    {
        AllowPrivateAddresses = AllowPrivateAddresses,
        Timeout = TimeSpan.FromSeconds(RequestTimeoutSeconds),
        DomainDeadline = TimeSpan.FromSeconds(DomainTimeoutSeconds),
        CertificateWarning = TimeSpan.FromDays(CertificateWarningDays),
        SlowDocument = TimeSpan.FromSeconds(SlowDocumentSeconds),
    };

    public CheckRunOptions ToRunOptions() => new(Concurrency);
}
